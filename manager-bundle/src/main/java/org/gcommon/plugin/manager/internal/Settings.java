package org.gcommon.plugin.manager.internal;

import java.time.Duration;

/**
 * The runtime's timeouts, from configuration PID {@code org.gcommon.plugin.manager}: defaults for every
 * plugin, and per plugin as {@code <plugin-name>.lifecycle.timeout.ms} and {@code <plugin-name>.health.timeout.ms}.
 */
record Settings(Duration lifecycleTimeout, Duration healthTimeout, Duration healthCacheTtl,
        java.util.Map<String, Duration> perPlugin) {

    static final String LIFECYCLE = "lifecycle.timeout.ms";
    static final String HEALTH = "health.timeout.ms";

    static final Settings DEFAULTS = new Settings(Duration.ofSeconds(10), Duration.ofSeconds(2),
            Duration.ofMillis(1000));

    Settings(Duration lifecycleTimeout, Duration healthTimeout, Duration healthCacheTtl) {
        this(lifecycleTimeout, healthTimeout, healthCacheTtl, java.util.Map.of());
    }

    static Settings of(RuntimeConfig config) {
        return of(config, java.util.Map.of());
    }

    /**
     * @param properties the whole configuration, for the per-plugin keys
     * @throws IllegalArgumentException naming a key whose value is not a positive number of milliseconds
     */
    static Settings of(RuntimeConfig config, java.util.Map<String, Object> properties) {
        java.util.Map<String, Duration> perPlugin = new java.util.HashMap<>();
        for (java.util.Map.Entry<String, Object> e : properties.entrySet()) {
            String key = e.getKey();
            if (key.endsWith("." + LIFECYCLE) || key.endsWith("." + HEALTH)) {
                long ms;
                try {
                    ms = Long.parseLong(String.valueOf(e.getValue()).trim());
                } catch (NumberFormatException ex) {
                    ms = -1;
                }
                perPlugin.put(key, positive(key, ms));
            }
        }
        return new Settings(positive(LIFECYCLE, config.lifecycle_timeout_ms()),
                positive(HEALTH, config.health_timeout_ms()),
                Duration.ofMillis(Math.max(0, config.health_cache_ms())), java.util.Map.copyOf(perPlugin));
    }

    /** @return the lifecycle timeout of one plugin: its own setting, else the default */
    Duration lifecycleTimeout(String pluginName) {
        return perPlugin.getOrDefault(pluginName + "." + LIFECYCLE, lifecycleTimeout);
    }

    /** @return the health timeout of one plugin: its own setting, else the default */
    Duration healthTimeout(String pluginName) {
        return perPlugin.getOrDefault(pluginName + "." + HEALTH, healthTimeout);
    }

    private static Duration positive(String key, long millis) {
        if (millis <= 0) {
            throw new IllegalArgumentException("Configuration org.gcommon.plugin.manager: " + key + "=" + millis
                    + " must be a positive number of milliseconds (e.g. " + key + "=10000)");
        }
        return Duration.ofMillis(millis);
    }
}
