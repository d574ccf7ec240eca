package org.gcommon.plugin.sample.webhook;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.PluginLogger;
import org.gcommon.plugin.api.PluginRegistry;
import org.gcommon.plugin.api.event.PluginEvents;

/** What the runtime hands to start() and stop(), reduced to what this plugin uses: logger and events. */
final class TestContext implements PluginContext {

    final RecordingLogger logger = new RecordingLogger();
    final TestEvents events = new TestEvents();
    private final Instant deadline = Instant.now().plusSeconds(10);

    @Override
    public String pluginName() {
        return WebhookPlugin.NAME;
    }

    @Override
    public Instant deadline() {
        return deadline;
    }

    @Override
    public Duration remaining() {
        Duration left = Duration.between(Instant.now(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
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
        throw new UnsupportedOperationException("webhook keeps no data");
    }

    @Override
    public PluginLogger logger() {
        return logger;
    }

    @Override
    public PluginEvents events() {
        return events;
    }

    @Override
    public PluginRegistry registry() {
        throw new UnsupportedOperationException("webhook uses no registry");
    }

    @Override
    public java.util.concurrent.ExecutorService executor() {
        return java.util.concurrent.ForkJoinPool.commonPool();
    }
}
