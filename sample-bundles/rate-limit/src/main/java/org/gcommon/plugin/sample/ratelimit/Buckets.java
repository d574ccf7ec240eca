package org.gcommon.plugin.sample.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The token buckets of one configuration: one per client key, bounded in number. Client keys come from
 * request headers, i.e. from anybody; so their number is capped, and a client spraying new keys past the
 * cap lands in one shared overflow bucket instead of getting a fresh allowance with each key.
 */
final class Buckets {

    /** Longest key kept; longer header values are cut, so memory stays bounded per key too. */
    static final int MAX_KEY_LENGTH = 128;

    private static final long PRUNE_INTERVAL_NANOS = 1_000_000_000L;

    private final RateLimitConfig config;
    private final LongSupplier nanoTime;
    private final Map<String, TokenBucket> byKey = new ConcurrentHashMap<>();
    private final TokenBucket overflow;
    private final AtomicLong lastPrune;

    Buckets(RateLimitConfig config, LongSupplier nanoTime) {
        this.config = config;
        this.nanoTime = nanoTime;
        this.overflow = newBucket();
        this.lastPrune = new AtomicLong(nanoTime.getAsLong() - PRUNE_INTERVAL_NANOS);
    }

    /**
     * @param key the client key; the empty string for requests without one
     * @return the bucket for that key
     */
    TokenBucket forKey(String key) {
        String k = key.length() > MAX_KEY_LENGTH ? key.substring(0, MAX_KEY_LENGTH) : key;
        TokenBucket bucket = byKey.get(k);
        if (bucket != null) {
            return bucket;
        }
        if (byKey.size() >= config.maxKeys()) {
            pruneFullBuckets();
            if (byKey.size() >= config.maxKeys()) {
                return overflow;
            }
        }
        return byKey.computeIfAbsent(k, x -> newBucket());
    }

    /** @return how many client buckets are kept now */
    int size() {
        return byKey.size();
    }

    /**
     * A full bucket behaves exactly like a new one, so dropping it loses nothing. At most once a second:
     * under a flood of new keys a scan per request would cost more than the limiting saves.
     */
    private void pruneFullBuckets() {
        long now = nanoTime.getAsLong();
        long last = lastPrune.get();
        if (now - last >= PRUNE_INTERVAL_NANOS && lastPrune.compareAndSet(last, now)) {
            byKey.values().removeIf(TokenBucket::isFull);
        }
    }

    private TokenBucket newBucket() {
        return new TokenBucket(config.ratePerSecond(), config.burst(), nanoTime);
    }
}
