package org.gcommon.plugin.sample.requestlogging;

import java.util.Locale;
import java.util.Map;

import org.gcommon.plugin.api.PluginException;

/**
 * The plugin's settings, read from {@code etc/request-logging.cfg}.
 *
 * @param logRequests whether each request is logged ({@value #LOG_REQUESTS}, default {@code true})
 */
record RequestLoggingConfig(boolean logRequests) {

    /** Key: {@code true} to log one line per request, {@code false} to only set the headers. */
    static final String LOG_REQUESTS = "log.requests";

    static final RequestLoggingConfig DEFAULTS = new RequestLoggingConfig(true);

    /**
     * @param config the configuration as received by {@code initialize}
     * @return the settings, defaults for absent keys
     * @throws PluginException naming the key, the value and the expected form
     */
    static RequestLoggingConfig from(Map<String, Object> config) throws PluginException {
        Object value = config.get(LOG_REQUESTS);
        if (value == null) {
            return DEFAULTS;
        }
        if (value instanceof Boolean b) {
            return new RequestLoggingConfig(b);
        }
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return new RequestLoggingConfig(Boolean.parseBoolean(text));
        }
        throw new PluginException("Configuration key '" + LOG_REQUESTS + "' of plugin '" + RequestLoggingPlugin.NAME
                + "' has value '" + value + "': expected true or false (e.g. " + LOG_REQUESTS + " = false in etc/"
                + RequestLoggingPlugin.NAME + ".cfg)");
    }
}
