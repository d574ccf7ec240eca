package org.gcommon.sample.cache.memory;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import org.gcommon.plugin.api.PluginException;

/**
 * The memory cache's configuration, read from the plugin configuration (PID
 * {@code gcommon.plugin.memory-cache}, file {@code etc/memory-cache.cfg}).
 *
 * @param ttl how long an entry lives after it was written
 * @param maxEntries how many entries the cache holds at most
 */
record CacheSettings(Duration ttl, int maxEntries) {

    /** Configuration key: seconds an entry lives after it was written. */
    static final String TTL_SECONDS = "ttl.seconds";
    /** Configuration key: the most entries kept; the least recently used go first. */
    static final String MAX_ENTRIES = "max.entries";

    static final long DEFAULT_TTL_SECONDS = 300;
    static final int DEFAULT_MAX_ENTRIES = 10_000;

    static final CacheSettings DEFAULTS = new CacheSettings(Duration.ofSeconds(DEFAULT_TTL_SECONDS), DEFAULT_MAX_ENTRIES);

    CacheSettings {
        Objects.requireNonNull(ttl, "ttl");
    }

    /**
     * Values may be strings (from a {@code .cfg} file) or numbers (from a {@code .json} file).
     *
     * @param config the plugin configuration; keys that are absent take their default
     * @return the settings
     * @throws PluginException naming the key, the value and the expected form, when a value is unusable
     */
    static CacheSettings from(Map<String, Object> config) throws PluginException {
        Objects.requireNonNull(config, "config");
        long ttlSeconds = positiveWholeNumber(config, TTL_SECONDS, DEFAULT_TTL_SECONDS, "seconds");
        long maxEntries = positiveWholeNumber(config, MAX_ENTRIES, DEFAULT_MAX_ENTRIES, "entries");
        return new CacheSettings(Duration.ofSeconds(ttlSeconds), (int) maxEntries);
    }

    private static long positiveWholeNumber(Map<String, Object> config, String key, long defaultValue, String unit)
            throws PluginException {
        Object value = config.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            long number = new BigDecimal(value.toString().strip()).longValueExact();
            if (number >= 1 && number <= Integer.MAX_VALUE) {
                return number;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below, with the value and the expected form
        }
        throw new PluginException(MemoryCachePlugin.NAME + ": configuration key '" + key + "' has the value '" + value
                + "'; expected a whole number of " + unit + " from 1 to " + Integer.MAX_VALUE + ", for example "
                + key + " = " + defaultValue + " in etc/" + MemoryCachePlugin.NAME + ".cfg");
    }
}
