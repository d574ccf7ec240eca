package org.gcommon.plugin.manager.internal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The resource limits, {@code etc/org.gcommon.plugin.security.limits.cfg}: defaults for every plugin and
 * overrides per plugin as {@code <Bundle-SymbolicName>.<limit>}. This class reads and replaces one
 * plugin's overrides, leaving the rest of the file as it was.
 */
final class LimitsFile {

    static final String NAME = "org.gcommon.plugin.security.limits.cfg";
    /** The limits the security bundle knows. */
    static final List<String> KNOWN = List.of("threads.max", "cpu.percent.max", "cpu.window.seconds");

    private LimitsFile() {
    }

    /** @return the plugin's own overrides (unreadable values left out: the security bundle ignores them too) */
    static Map<String, Long> of(PropertiesFileEditor file, String symbolicName) {
        Map<String, String> values = file.values();
        Map<String, Long> out = new TreeMap<>();
        for (String limit : KNOWN) {
            String value = values.get(symbolicName + "." + limit);
            if (value != null) {
                try {
                    out.put(limit, Long.parseLong(value.trim()));
                } catch (NumberFormatException e) {
                    // not a limit the plugin has
                }
            }
        }
        return out;
    }

    /**
     * Replaces the plugin's overrides; limits not given fall back to the defaults.
     *
     * @throws IllegalArgumentException naming an unknown limit or a value that is not a positive whole
     *                                  number; the file is then unchanged
     */
    static void set(PropertiesFileEditor file, String symbolicName, Map<String, Long> limits) {
        for (Map.Entry<String, Long> e : limits.entrySet()) {
            if (!KNOWN.contains(e.getKey())) {
                throw new IllegalArgumentException("Unknown limit '" + e.getKey() + "': the limits are "
                        + String.join(", ", KNOWN));
            }
            Long v = e.getValue();
            if (v == null || v < 1 || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("Limit " + e.getKey() + "=" + v + " must be a whole number from 1 to "
                        + Integer.MAX_VALUE + " (e.g. " + e.getKey() + "=" + ("threads.max".equals(e.getKey()) ? 64 : 10)
                        + ")");
            }
        }
        for (String limit : KNOWN) {
            Long v = limits.get(limit);
            if (v == null) {
                file.remove(symbolicName + "." + limit);
            } else {
                file.set(symbolicName + "." + limit, List.of(Long.toString(v)));
            }
        }
    }
}
