package org.gcommon.plugin.testkit;

import java.util.Objects;
import java.util.Optional;

/**
 * One line a plugin logged through its {@link org.gcommon.plugin.api.PluginLogger}, with the
 * {@code {}} placeholders filled in as the container's log does.
 *
 * @param level {@code DEBUG}, {@code INFO}, {@code WARN} or {@code ERROR}
 * @param message the message with its arguments in place
 * @param error the trailing {@link Throwable} argument, or {@code null}
 */
public record LogEntry(String level, String message, Throwable error) {

    /**
     * @param level the level
     * @param message the formatted message
     * @param error the logged error, may be {@code null}
     */
    public LogEntry {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(message, "message");
    }

    /** @return the logged error, if there was one */
    public Optional<Throwable> errorIfAny() {
        return Optional.ofNullable(error);
    }

    /** @return {@code LEVEL message}, e.g. {@code INFO started} */
    @Override
    public String toString() {
        return level + " " + message + (error == null ? "" : " (" + error + ")");
    }
}
