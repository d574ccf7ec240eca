package org.gcommon.plugin.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.PluginException;
import org.gcommon.plugin.api.PluginLogger;
import org.gcommon.plugin.api.PluginRegistry;
import org.gcommon.plugin.api.event.PluginEvents;

/** The context of one lifecycle call in the harness: a deadline, cancellation, and the plugin's own services. */
final class HarnessContext implements PluginContext {

    private final String pluginName;
    private final Instant deadline;
    private final Supplier<Path> dataDirectory;
    private final PluginLogger logger;
    private final PluginEvents events;
    private final PluginRegistry registry;
    private final Supplier<java.util.concurrent.ExecutorService> executor;
    private final List<Runnable> onCancel = new ArrayList<>();
    private boolean cancelled;

    HarnessContext(String pluginName, Duration timeout, Supplier<Path> dataDirectory, PluginLogger logger,
            PluginEvents events, PluginRegistry registry,
            Supplier<java.util.concurrent.ExecutorService> executor) {
        this.executor = executor;
        this.pluginName = Objects.requireNonNull(pluginName, "pluginName");
        this.deadline = Instant.now().plus(timeout);
        this.dataDirectory = dataDirectory;
        this.logger = logger;
        this.events = events;
        this.registry = registry;
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
        Duration left = Duration.between(Instant.now(), deadline);
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
        actions.forEach(HarnessContext::runQuietly);
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            // as in the runtime: a cancel hook must not break timeout handling
        }
    }

    @Override
    public Path dataDirectory() {
        return dataDirectory.get();
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
        return registry;
    }

    @Override
    public java.util.concurrent.ExecutorService executor() {
        return executor.get();
    }
}
