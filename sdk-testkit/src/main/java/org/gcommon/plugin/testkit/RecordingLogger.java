package org.gcommon.plugin.testkit;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gcommon.plugin.api.PluginLogger;

/** A plugin's logger that keeps every line for assertions, formatted like the container's log. */
final class RecordingLogger implements PluginLogger {

    private final List<LogEntry> entries = new CopyOnWriteArrayList<>();

    List<LogEntry> entries() {
        return List.copyOf(entries);
    }

    /** @return the entries as {@code LEVEL message} lines, in order */
    List<String> lines() {
        return entries.stream().map(e -> e.level() + " " + e.message()).toList();
    }

    @Override
    public void debug(String format, Object... args) {
        log("DEBUG", format, args);
    }

    @Override
    public void info(String format, Object... args) {
        log("INFO", format, args);
    }

    @Override
    public void warn(String format, Object... args) {
        log("WARN", format, args);
    }

    @Override
    public void error(String format, Object... args) {
        log("ERROR", format, args);
    }

    private void log(String level, String format, Object... args) {
        entries.add(format(level, format, args));
    }

    /** Fills {@code {}} placeholders in order; a trailing Throwable without a placeholder is the entry's error. */
    static LogEntry format(String level, String format, Object... args) {
        String pattern = Objects.toString(format);
        Object[] values = args == null ? new Object[0] : args;
        StringBuilder out = new StringBuilder(pattern.length() + 16);
        int next = 0;
        int from = 0;
        for (int at = pattern.indexOf("{}"); at >= 0 && next < values.length; at = pattern.indexOf("{}", from)) {
            out.append(pattern, from, at).append(values[next++]);
            from = at + 2;
        }
        out.append(pattern.substring(from));
        Throwable error = null;
        if (next < values.length && values[values.length - 1] instanceof Throwable t) {
            error = t;
        }
        return new LogEntry(level, out.toString(), error);
    }
}
