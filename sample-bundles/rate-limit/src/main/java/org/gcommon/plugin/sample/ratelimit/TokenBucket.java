package org.gcommon.plugin.sample.ratelimit;

import java.util.function.LongSupplier;

/**
 * A token bucket: holds up to {@code burst} tokens, gains {@code ratePerSecond} tokens a second, and
 * each request takes one. Refilled lazily from the clock on each use, so an idle bucket costs nothing.
 *
 * <p>Thread-safe with a lock held only for a few arithmetic operations; the clock is injected so that
 * tests control time.
 */
final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final double capacity;
    private final double tokensPerNano;
    private final LongSupplier nanoTime;
    private double tokens;
    private long refilledAt;

    /**
     * @param ratePerSecond tokens gained per second, more than 0
     * @param burst the capacity, at least 1; the bucket starts full
     * @param nanoTime a monotonic clock in nanoseconds, e.g. {@code System::nanoTime}
     */
    TokenBucket(double ratePerSecond, int burst, LongSupplier nanoTime) {
        this.capacity = burst;
        this.tokensPerNano = ratePerSecond / NANOS_PER_SECOND;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.refilledAt = nanoTime.getAsLong();
    }

    /**
     * Takes a token if there is one.
     *
     * @return {@code 0} when a token was taken; otherwise the nanoseconds until one will be there
     */
    synchronized long tryTake() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / tokensPerNano));
    }

    /** @return whether the bucket is full again, i.e. indistinguishable from a new one */
    synchronized boolean isFull() {
        refill();
        return tokens >= capacity;
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        long elapsed = now - refilledAt;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
            refilledAt = now;
        }
    }
}
