package org.gcommon.plugin.manager.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.PluginLogger;
import org.gcommon.plugin.api.PluginRegistry;
import org.gcommon.plugin.api.event.PluginEvents;
import org.gcommon.plugin.manager.context.CancellableContext;

/** The {@link PluginContext} of one lifecycle call: its deadline, its cancellation and the plugin's own services. */
final class CallContext extends CancellableContext {

    private final Path dataDirectory;
    private final PluginLogger logger;
    private final Supplier<PluginEvents> events;
    private final PluginRegistry registry;
    private final Supplier<ExecutorService> executor;

    CallContext(String pluginName, Duration timeout, Clock clock, Path dataDirectory, PluginLogger logger,
            Supplier<PluginEvents> events, PluginRegistry registry, Supplier<ExecutorService> executor) {
        super(pluginName, timeout, clock);
        this.executor = Objects.requireNonNull(executor, "executor");
        this.events = Objects.requireNonNull(events, "events");
        this.registry = registry;
        this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
        this.logger = Objects.requireNonNull(logger, "logger");
    }

    @Override
    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public PluginLogger logger() {
        return logger;
    }

    @Override
    public PluginEvents events() {
        return events.get();
    }

    @Override
    public ExecutorService executor() {
        return executor.get();
    }

    @Override
    public PluginRegistry registry() {
        return registry;
    }
}
