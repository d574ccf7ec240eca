package org.gcommon.plugin.api.integration;

import java.time.Duration;
import java.util.concurrent.Callable;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Protects a remote service and its caller from each other: after a run of failures the breaker
 * opens and calls fail fast for a cool-down; then one trial call is let through (half-open), and its
 * outcome closes or re-opens the breaker. Each call may be retried with exponential backoff first.
 */
@ProviderType
public interface CircuitBreaker {

    /** Breaker states. */
    enum State {
        /** Calls go through. */
        CLOSED,
        /** Calls fail fast with {@link OpenCircuitException}. */
        OPEN,
        /** One trial call goes through. */
        HALF_OPEN
    }

    /**
     * Runs a call through the breaker, with the configured retries.
     *
     * @param <T> the result type
     * @param call the remote call
     * @return its result
     * @throws OpenCircuitException when the breaker is open
     * @throws Exception the last failure after the retries
     */
    <T> T call(Callable<T> call) throws Exception;

    /** @return the current state */
    State state();

    /** @return consecutive failures counted now */
    int failures();

    /** @return when an open breaker lets the next trial through; zero when not open */
    Duration retryIn();
}
