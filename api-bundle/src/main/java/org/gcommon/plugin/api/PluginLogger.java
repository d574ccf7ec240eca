package org.gcommon.plugin.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A logger scoped to one plugin: every entry names the plugin and goes to the container's log.
 * Messages use {@code {}} placeholders, as in SLF4J and the OSGi Log service; a trailing
 * {@link Throwable} argument is logged with its stack trace.
 */
@ProviderType
public interface PluginLogger {

    /** @param format message with {@code {}} placeholders @param args the values */
    void debug(String format, Object... args);

    /** @param format message with {@code {}} placeholders @param args the values */
    void info(String format, Object... args);

    /** @param format message with {@code {}} placeholders @param args the values */
    void warn(String format, Object... args);

    /** @param format message with {@code {}} placeholders @param args the values */
    void error(String format, Object... args);
}
