package org.gcommon.sample.cache.memory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.PluginLogger;
import org.gcommon.plugin.api.PluginRegistry;
import org.gcommon.plugin.api.event.PluginEvents;

/**
 * The part of a {@link PluginContext} the memory cache uses: a logger, whose lines are kept for
 * assertions. The cache needs neither events, a registry nor a data directory.
 */
final class QuietContext implements PluginContext {

    private final List<String> lines = new ArrayList<>();

    List<String> lines() {
        return lines;
    }

    @Override
    public String pluginName() {
        return MemoryCachePlugin.NAME;
    }

    @Override
    public Instant deadline() {
        return Instant.MAX;
    }

    @Override
    public Duration remaining() {
        return Duration.ofSeconds(10);
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public void throwIfCancelled() {
    }

    @Override
    public void onCancel(Runnable action) {
    }

    @Override
    public Path dataDirectory() {
        throw new UnsupportedOperationException("the memory cache keeps no files");
    }

    @Override
    public PluginLogger logger() {
        return new PluginLogger() {
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
        };
    }

    @Override
    public PluginEvents events() {
        throw new UnsupportedOperationException("the memory cache publishes no events");
    }

    @Override
    public PluginRegistry registry() {
        throw new UnsupportedOperationException("the memory cache uses no other plugin");
    }

    private void log(String level, String format, Object... args) {
        String text = format;
        for (Object arg : args) {
            text = text.replaceFirst("\\{}", java.util.regex.Matcher.quoteReplacement(String.valueOf(arg)));
        }
        lines.add(level + " " + text);
    }

    @Override
    public java.util.concurrent.ExecutorService executor() {
        return java.util.concurrent.ForkJoinPool.commonPool();
    }
}
