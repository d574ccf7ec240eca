package org.gcommon.sample.cache.backup;

import java.util.Map;

import org.gcommon.plugin.api.PluginException;

/**
 * The backup cache's configuration (PID {@code gcommon.plugin.backup-cache}, file
 * {@code etc/backup-cache.cfg}).
 *
 * @param maxEntries how many entries the cache holds at most
 */
record BackupCacheSettings(int maxEntries) {

    /** Configuration key: the most entries kept. */
    static final String MAX_ENTRIES = "max.entries";

    static final int DEFAULT_MAX_ENTRIES = 10_000;

    static final BackupCacheSettings DEFAULTS = new BackupCacheSettings(DEFAULT_MAX_ENTRIES);

    /**
     * @param config the plugin configuration; absent keys take their default
     * @return the settings
     * @throws PluginException naming the key, the value and the expected form
     */
    static BackupCacheSettings from(Map<String, Object> config) throws PluginException {
        Object value = config.get(MAX_ENTRIES);
        if (value == null) {
            return DEFAULTS;
        }
        long number;
        try {
            number = value instanceof Integer || value instanceof Long ? ((Number) value).longValue()
                    : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            number = 0;
        }
        if (number < 1 || number > Integer.MAX_VALUE) {
            throw new PluginException("Configuration key '" + MAX_ENTRIES + "' of plugin '" + BackupCachePlugin.NAME
                    + "' has value '" + value + "': expected a whole number of entries from 1 to " + Integer.MAX_VALUE
                    + " (e.g. " + MAX_ENTRIES + " = " + DEFAULT_MAX_ENTRIES + " in etc/" + BackupCachePlugin.NAME
                    + ".cfg)");
        }
        return new BackupCacheSettings((int) number);
    }
}
