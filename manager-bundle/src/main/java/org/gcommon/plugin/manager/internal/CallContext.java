package org.gcommon.plugin.manager.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.PluginException;
import org.gcommon.plugin.api.PluginLogger;
import org.gcommon.plugin.api.PluginRegistry;
import org.gcommon.plugin.api.event.PluginEvents;

/** The {@link PluginContext} of one lifecycle call: its deadline, its cancellation and the plugin's own services. */
final class CallContext implements PluginContext {

    private final String pluginName;
    private final Instant deadline;
    private final Clock clock;
    private final Path dataDirectory;
    private final PluginLogger logger;
    private final List<Runnable> onCancel = new ArrayList<>();
    private final java.util.function.Supplier<PluginEvents> events;
    private final PluginRegistry registry;
    private final java.util.function.Supplier<java.util.concurrent.ExecutorService> executor;
    private boolean cancelled;

    CallContext(String pluginName, Duration timeout, Clock clock, Path dataDirectory, PluginLogger logger,
            java.util.function.Supplier<PluginEvents> events, PluginRegistry registry,
            java.util.function.Supplier<java.util.concurrent.ExecutorService> executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.events = Objects.requireNonNull(events, "events");
        this.registry = registry;
        this.pluginName = Objects.requireNonNull(pluginName, "pluginName");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.deadline = clock.instant().plus(timeout);
        this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
        this.logger = Objects.requireNonNull(logger, "logger");
    }

    @Override
    public String pluginName() {
        return pluginName;
    }

    @Override
    public Instant deadline() {
        return deadline;
    }

    @Override
    public Duration remaining() {
        Duration left = Duration.between(clock.instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    @Override
    public synchronized boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void throwIfCancelled() throws PluginException {
        if (isCancelled()) {
            throw new PluginException("Call to plugin '" + pluginName + "' was cancelled (deadline " + deadline + ")");
        }
    }

    @Override
    public void onCancel(Runnable action) {
        Objects.requireNonNull(action, "action");
        boolean runNow;
        synchronized (this) {
            runNow = cancelled;
            if (!runNow) {
                onCancel.add(action);
            }
        }
        if (runNow) {
            runQuietly(action);
        }
    }

    /** Marks the call cancelled and runs the registered actions once. */
    void cancel() {
        List<Runnable> actions;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            actions = new ArrayList<>(onCancel);
            onCancel.clear();
        }
        actions.forEach(CallContext::runQuietly);
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            // A plugin's cancel hook must not break the runtime's timeout handling.
        }
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
    public java.util.concurrent.ExecutorService executor() {
        return executor.get();
    }

    @Override
    public PluginRegistry registry() {
        return registry;
    }
}
