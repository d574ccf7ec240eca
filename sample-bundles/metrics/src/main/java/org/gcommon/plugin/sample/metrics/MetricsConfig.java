package org.gcommon.plugin.sample.metrics;

import java.util.Locale;
import java.util.Map;

import org.gcommon.plugin.api.PluginException;

/**
 * The plugin's settings, read from {@code etc/metrics.cfg}.
 *
 * @param healthDetails whether numeric health details are exported ({@value #HEALTH_DETAILS}, default {@code true})
 */
record MetricsConfig(boolean healthDetails) {

    /** Key: {@code true} to export every plugin's numeric health details as {@code gcommon_plugin_health_detail}. */
    static final String HEALTH_DETAILS = "health.details";

    static final MetricsConfig DEFAULTS = new MetricsConfig(true);

    /**
     * @param config the configuration as received by {@code initialize}
     * @return the settings, defaults for absent keys
     * @throws PluginException naming the key, the value and the expected form
     */
    static MetricsConfig from(Map<String, Object> config) throws PluginException {
        Object value = config.get(HEALTH_DETAILS);
        if (value == null) {
            return DEFAULTS;
        }
        if (value instanceof Boolean b) {
            return new MetricsConfig(b);
        }
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return new MetricsConfig(Boolean.parseBoolean(text));
        }
        throw new PluginException("Configuration key '" + HEALTH_DETAILS + "' of plugin '" + MetricsPlugin.NAME
                + "' has value '" + value + "': expected true or false (e.g. " + HEALTH_DETAILS + " = false in etc/"
                + MetricsPlugin.NAME + ".cfg)");
    }
}
