package org.gcommon.plugin.manager.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Callable;

import org.gcommon.plugin.api.integration.CircuitBreaker;
import org.gcommon.plugin.api.integration.OpenCircuitException;
import org.gcommon.plugin.api.integration.Resilience;

/**
 * A circuit breaker with retry and exponential backoff. While open, calls fail at once; after the
 * cool-down one trial call goes through (half-open); success closes the breaker, failure re-opens it.
 */
final class RetryingCircuitBreaker implements CircuitBreaker {

    /** Waits between retries; the real one sleeps, tests pass one that records. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final String name;
    private final Resilience.Settings settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private State state = State.CLOSED;
    private int failures;
    private Instant openedAt = Instant.EPOCH;
    private boolean trialRunning;

    RetryingCircuitBreaker(String name, Resilience.Settings settings, Clock clock, Sleeper sleeper) {
        this.name = Objects.requireNonNull(name, "name");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    @Override
    public <T> T call(Callable<T> call) throws Exception {
        boolean trial = admit();
        Duration backoff = settings.initialBackoff();
        Exception last = null;
        int attempts = trial ? 1 : settings.maxAttempts();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                T result = call.call();
                succeeded();
                return result;
            } catch (Exception e) {
                last = e;
                if (attempt < attempts) {
                    sleeper.sleep(backoff);
                    backoff = min(backoff.multipliedBy(2), settings.maxBackoff());
                }
            }
        }
        failed();
        throw last;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** @return whether this call is the half-open trial */
    private synchronized boolean admit() throws OpenCircuitException {
        if (state == State.OPEN) {
            if (clock.instant().isBefore(openedAt.plus(settings.openFor()))) {
                throw new OpenCircuitException("Circuit breaker '" + name + "' is open after " + failures
                        + " failed calls; next trial in " + retryIn().toMillis() + " ms");
            }
            state = State.HALF_OPEN;
        }
        if (state == State.HALF_OPEN) {
            if (trialRunning) {
                throw new OpenCircuitException("Circuit breaker '" + name + "' is half-open: a trial call is running");
            }
            trialRunning = true;
            return true;
        }
        return false;
    }

    private synchronized void succeeded() {
        state = State.CLOSED;
        failures = 0;
        trialRunning = false;
    }

    private synchronized void failed() {
        failures++;
        trialRunning = false;
        if (state == State.HALF_OPEN || failures >= settings.failureThreshold()) {
            state = State.OPEN;
            openedAt = clock.instant();
        }
    }

    @Override
    public synchronized State state() {
        if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(settings.openFor()))) {
            return State.HALF_OPEN;
        }
        return state;
    }

    @Override
    public synchronized int failures() {
        return failures;
    }

    @Override
    public synchronized Duration retryIn() {
        if (state != State.OPEN) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), openedAt.plus(settings.openFor()));
        return left.isNegative() ? Duration.ZERO : left;
    }
}
