package org.gcommon.plugin.manager.internal;

import java.time.Duration;

/**
 * The management settings of configuration PID {@code org.gcommon.plugin.manager}: the update health
 * window and the bounds of a jar fetched or uploaded. A value that is not positive keeps the default
 * and is reported, so a typo never turns the health gate or the bounds off.
 */
record AdminSettings(Duration updateHealthWindow, long downloadMaxBytes, Duration downloadTimeout,
        java.util.List<String> problems) {

    static final AdminSettings DEFAULTS = new AdminSettings(Duration.ofSeconds(10), 64L << 20, Duration.ofSeconds(60),
            java.util.List.of());

    static AdminSettings of(RuntimeConfig config) {
        java.util.List<String> problems = new java.util.ArrayList<>();
        long window = positive("update.health.window.ms", config.update_health_window_ms(),
                DEFAULTS.updateHealthWindow().toMillis(), problems);
        long max = positive("download.max.bytes", config.download_max_bytes(), DEFAULTS.downloadMaxBytes(), problems);
        long timeout = positive("download.timeout.ms", config.download_timeout_ms(),
                DEFAULTS.downloadTimeout().toMillis(), problems);
        return new AdminSettings(Duration.ofMillis(window), max, Duration.ofMillis(timeout), java.util.List.copyOf(problems));
    }

    private static long positive(String key, long value, long fallback, java.util.List<String> problems) {
        if (value > 0) {
            return value;
        }
        problems.add("etc/org.gcommon.plugin.manager.cfg: " + key + "=" + value + " must be a positive number; using "
                + fallback + " (e.g. " + key + "=" + fallback + ")");
        return fallback;
    }
}
