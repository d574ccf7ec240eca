package org.gcommon.plugin.sample.ratelimit;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.gcommon.plugin.api.PluginException;

/**
 * The plugin's settings, read from {@code etc/rate-limit.cfg}. Values may be strings (from a
 * {@code .cfg} file) or numbers (from a {@code .json} file).
 *
 * @param ratePerSecond tokens added per second
 * @param burst bucket capacity: how many requests may come at once after a quiet period
 * @param keyHeader the header naming the client, empty for one bucket shared by all requests
 * @param maxKeys how many client buckets are kept at most
 */
record RateLimitConfig(double ratePerSecond, int burst, Optional<String> keyHeader, int maxKeys) {

    static final String RATE_PER_SECOND = "rate.per.second";
    static final String BURST = "burst";
    static final String KEY_HEADER = "key.header";
    static final String MAX_KEYS = "max.keys";

    static final RateLimitConfig DEFAULTS = new RateLimitConfig(50, 100, Optional.empty(), 10_000);

    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");

    /**
     * @param config the configuration as received by {@code initialize}
     * @return the settings, defaults for absent keys
     * @throws PluginException naming the key, the value and the expected form
     */
    static RateLimitConfig from(Map<String, Object> config) throws PluginException {
        double rate = positiveNumber(config, RATE_PER_SECOND, DEFAULTS.ratePerSecond());
        int burst = positiveInt(config, BURST, DEFAULTS.burst());
        int maxKeys = positiveInt(config, MAX_KEYS, DEFAULTS.maxKeys());
        Object header = config.get(KEY_HEADER);
        String name = header == null ? "" : header.toString().trim();
        if (!name.isEmpty() && !HEADER_NAME.matcher(name).matches()) {
            throw invalid(KEY_HEADER, header, "a header name of letters, digits and '-' (e.g. " + KEY_HEADER
                    + " = X-Api-Key), or nothing for one bucket shared by all clients");
        }
        return new RateLimitConfig(rate, burst, name.isEmpty() ? Optional.empty() : Optional.of(name), maxKeys);
    }

    private static double positiveNumber(Map<String, Object> config, String key, double fallback) throws PluginException {
        Object value = config.get(key);
        if (value == null) {
            return fallback;
        }
        double number;
        try {
            number = value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException e) {
            number = Double.NaN;
        }
        if (!(number > 0) || Double.isInfinite(number)) {
            throw invalid(key, value, "a number greater than 0 (e.g. " + key + " = 50, or 0.5 for one request "
                    + "every two seconds)");
        }
        return number;
    }

    private static int positiveInt(Map<String, Object> config, String key, int fallback) throws PluginException {
        Object value = config.get(key);
        if (value == null) {
            return fallback;
        }
        long number;
        try {
            number = value instanceof Integer || value instanceof Long ? ((Number) value).longValue()
                    : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            number = 0;
        }
        if (number < 1 || number > Integer.MAX_VALUE) {
            throw invalid(key, value, "a whole number from 1 to " + Integer.MAX_VALUE + " (e.g. " + key + " = "
                    + fallback + ")");
        }
        return (int) number;
    }

    private static PluginException invalid(String key, Object value, String expected) {
        return new PluginException("Configuration key '" + key + "' of plugin '" + RateLimitPlugin.NAME
                + "' has value '" + value + "': expected " + expected + " in etc/" + RateLimitPlugin.NAME + ".cfg");
    }

    /** @return the settings for people, e.g. {@code 50 requests/s, burst 100, per X-Api-Key} */
    String describe() {
        String rate = ratePerSecond == Math.rint(ratePerSecond) ? Long.toString((long) ratePerSecond)
                : Double.toString(ratePerSecond);
        return rate + " requests/s, burst " + burst + keyHeader.map(h -> ", per " + h).orElse(", one bucket for all");
    }
}
