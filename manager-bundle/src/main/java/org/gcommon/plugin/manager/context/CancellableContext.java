package org.gcommon.plugin.manager.context;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.PluginException;

/**
 * The deadline and cancellation of a {@link PluginContext}, as the runtime implements them for every
 * lifecycle call; subclasses supply the plugin's services (data directory, logger, events, executor,
 * registry). The runtime's contexts and the testkit's extend it, so that a plugin is cancelled the same
 * way in a unit test as in the container.
 *
 * <p>Whoever runs the call invokes {@link #cancel()} when the deadline passes: from then on
 * {@link #isCancelled()} is {@code true}, {@link #throwIfCancelled()} throws, and every action given
 * to {@link #onCancel(Runnable)} has run once.
 */
public abstract class CancellableContext implements PluginContext {

    private final String pluginName;
    private final Clock clock;
    private final Instant deadline;
    private final List<Runnable> onCancel = new ArrayList<>();
    private boolean cancelled;

    /**
     * @param pluginName the name of the plugin the context is handed to
     * @param timeout how long the call may take: the deadline is that long after now
     * @param clock the clock the deadline and {@link #remaining()} are read from
     */
    protected CancellableContext(String pluginName, Duration timeout, Clock clock) {
        this.pluginName = Objects.requireNonNull(pluginName, "pluginName");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.deadline = clock.instant().plus(Objects.requireNonNull(timeout, "timeout"));
    }

    @Override
    public final String pluginName() {
        return pluginName;
    }

    @Override
    public final Instant deadline() {
        return deadline;
    }

    @Override
    public final Duration remaining() {
        Duration left = Duration.between(clock.instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    @Override
    public final synchronized boolean isCancelled() {
        return cancelled;
    }

    @Override
    public final void throwIfCancelled() throws PluginException {
        if (isCancelled()) {
            throw new PluginException("Call to plugin '" + pluginName + "' was cancelled (deadline " + deadline + ")");
        }
    }

    @Override
    public final void onCancel(Runnable action) {
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

    /** Marks the call cancelled and runs the actions given to {@link #onCancel(Runnable)}, once. */
    public final void cancel() {
        List<Runnable> actions;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            actions = new ArrayList<>(onCancel);
            onCancel.clear();
        }
        actions.forEach(CancellableContext::runQuietly);
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            // A plugin's cancel hook must not break the timeout handling of whoever cancels.
        }
    }
}
