package org.gcommon.plugin.manager.internal;

import java.time.Duration;

/** The runtime's timeouts, from configuration PID {@code org.gcommon.plugin.manager}. */
record Settings(Duration lifecycleTimeout, Duration healthTimeout, Duration healthCacheTtl) {

    static final Settings DEFAULTS = new Settings(Duration.ofSeconds(10), Duration.ofSeconds(2),
            Duration.ofMillis(1000));

    static Settings of(RuntimeConfig config) {
        return new Settings(positive("lifecycle.timeout.ms", config.lifecycle_timeout_ms()),
                positive("health.timeout.ms", config.health_timeout_ms()),
                Duration.ofMillis(Math.max(0, config.health_cache_ms())));
    }

    private static Duration positive(String key, long millis) {
        if (millis <= 0) {
            throw new IllegalArgumentException("Configuration org.gcommon.plugin.manager: " + key + "=" + millis
                    + " must be a positive number of milliseconds (e.g. " + key + "=10000)");
        }
        return Duration.ofMillis(millis);
    }
}
