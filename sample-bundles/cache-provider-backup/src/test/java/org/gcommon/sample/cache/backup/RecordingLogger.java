package org.gcommon.sample.cache.backup;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gcommon.plugin.api.PluginLogger;

/** A plugin logger that keeps the formatted lines, as the container would print them. */
final class RecordingLogger implements PluginLogger {

    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void debug(String format, Object... args) {
        lines.add("DEBUG " + format(format, args));
    }

    @Override
    public void info(String format, Object... args) {
        lines.add("INFO " + format(format, args));
    }

    @Override
    public void warn(String format, Object... args) {
        lines.add("WARN " + format(format, args));
    }

    @Override
    public void error(String format, Object... args) {
        lines.add("ERROR " + format(format, args));
    }

    private static String format(String format, Object... args) {
        StringBuilder out = new StringBuilder();
        int arg = 0;
        int from = 0;
        for (int at = format.indexOf("{}"); at >= 0; at = format.indexOf("{}", from)) {
            out.append(format, from, at).append(arg < args.length ? String.valueOf(args[arg++]) : "{}");
            from = at + 2;
        }
        return out.append(format.substring(from)).toString();
    }
}
