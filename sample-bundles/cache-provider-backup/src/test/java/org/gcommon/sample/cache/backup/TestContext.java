package org.gcommon.sample.cache.backup;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.PluginLogger;
import org.gcommon.plugin.api.PluginRegistry;
import org.gcommon.plugin.api.event.PluginEvents;

/** What the runtime hands to start() and stop(), reduced to what this plugin uses. */
final class TestContext implements PluginContext {

    final RecordingLogger logger = new RecordingLogger();
    private final Instant deadline = Instant.now().plusSeconds(10);

    @Override
    public String pluginName() {
        return BackupCachePlugin.NAME;
    }

    @Override
    public Instant deadline() {
        return deadline;
    }

    @Override
    public Duration remaining() {
        return Duration.between(Instant.now(), deadline);
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
        throw new UnsupportedOperationException("backup-cache keeps no data");
    }

    @Override
    public PluginLogger logger() {
        return logger;
    }

    @Override
    public PluginEvents events() {
        throw new UnsupportedOperationException("backup-cache uses no events");
    }

    @Override
    public PluginRegistry registry() {
        throw new UnsupportedOperationException("backup-cache uses no registry");
    }

    @Override
    public java.util.concurrent.ExecutorService executor() {
        return java.util.concurrent.ForkJoinPool.commonPool();
    }
}
