package org.gcommon.container;

import java.util.Map;

/**
 * Defaults for the slf4j-simple logger that Jetty logs through: timestamps like the runtime's own
 * log lines, and Jetty's start-up chatter kept to warnings. A {@code -D} in {@code JAVA_OPTS} wins.
 */
final class LoggingDefaults {

    private static final Map<String, String> DEFAULTS = Map.of(
            "org.slf4j.simpleLogger.showDateTime", "true",
            "org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
            "org.slf4j.simpleLogger.showThreadName", "false",
            "org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");

    private LoggingDefaults() {
    }

    static void apply() {
        DEFAULTS.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
    }
}
