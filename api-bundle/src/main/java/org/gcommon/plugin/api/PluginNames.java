package org.gcommon.plugin.api;

import java.util.regex.Pattern;

/** The rule for plugin names: they appear in URLs, file names and configuration PIDs. */
public final class PluginNames {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");

    private PluginNames() {
    }

    /**
     * @param name a candidate name
     * @return {@code true} for 1 to 128 characters of lower case letters, digits, {@code .}, {@code -}
     *         and {@code _}, starting with a letter or digit
     */
    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches() && !name.contains("..");
    }

    /**
     * @param name a candidate name
     * @return the name
     * @throws IllegalArgumentException naming the value and the rule, when it is not valid
     */
    public static String requireValid(String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException("Invalid plugin name '" + name + "': use 1 to 128 characters of "
                    + "lower case letters, digits, '.', '-' and '_', starting with a letter or digit (e.g. 'memory-cache')");
        }
        return name;
    }
}
