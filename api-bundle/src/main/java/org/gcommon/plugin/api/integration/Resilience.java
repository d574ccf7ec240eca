package org.gcommon.plugin.api.integration;

import java.time.Duration;

import org.osgi.annotation.versioning.ProviderType;

/** Makes circuit breakers; obtain it as an OSGi service. */
@ProviderType
public interface Resilience {

    /**
     * How a breaker retries and when it opens.
     *
     * @param maxAttempts attempts per call, at least 1 (1 = no retry)
     * @param initialBackoff wait before the first retry; doubled each time
     * @param maxBackoff the longest wait between retries
     * @param failureThreshold consecutive failed calls that open the breaker
     * @param openFor how long the breaker stays open before a trial call
     */
    record Settings(int maxAttempts, Duration initialBackoff, Duration maxBackoff, int failureThreshold,
            Duration openFor) {

        /** 3 attempts, 100 ms doubling to 2 s, opens after 5 failed calls for 30 s. */
        public static final Settings DEFAULTS = new Settings(3, Duration.ofMillis(100), Duration.ofSeconds(2), 5,
                Duration.ofSeconds(30));

        /**
         * @throws IllegalArgumentException naming the bad value
         */
        public Settings {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts is " + maxAttempts + "; use 1 or more");
            }
            if (failureThreshold < 1) {
                throw new IllegalArgumentException("failureThreshold is " + failureThreshold + "; use 1 or more");
            }
            if (initialBackoff.isNegative() || maxBackoff.isNegative() || openFor.isNegative()) {
                throw new IllegalArgumentException("backoff and openFor must not be negative");
            }
        }
    }

    /**
     * @param name the breaker's name, for messages and metrics (e.g. the plugin's name)
     * @param settings retry and opening behaviour
     * @return a new breaker, closed
     */
    CircuitBreaker circuitBreaker(String name, Settings settings);
}
