package org.gcommon.plugin.manager.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

import org.gcommon.plugin.manager.context.TimedCall;

/**
 * Runs plugin code on the runtime's worker threads under a deadline. The caller (a plugin's lane)
 * waits at most the timeout; a call that overruns is cancelled, its thread interrupted, and the
 * caller goes on with a {@link CallFailure} that says what to change.
 */
final class TimedCalls {

    /** What to run, allowed to throw anything a plugin may throw. */
    @FunctionalInterface
    interface PluginCall<T> {
        T call() throws Exception;
    }

    private final ExecutorService workers;

    TimedCalls(ExecutorService workers) {
        this.workers = Objects.requireNonNull(workers, "workers");
    }

    /**
     * @param pluginName for messages
     * @param method the plugin method called, e.g. {@code start()}, for messages
     * @param timeout how long the call may take
     * @param context cancelled when the deadline passes; may be {@code null}
     * @param call the plugin code
     * @return what the call returned
     * @throws CallFailure when the call threw or timed out
     */
    <T> T call(String pluginName, String method, Duration timeout, CallContext context, PluginCall<T> call)
            throws CallFailure {
        return TimedCall.call(workers, pluginName, method, timeout, context, call::call, "the runtime is shutting down",
                CallFailure::new);
    }

    static String describe(Throwable t) {
        return TimedCall.describe(t);
    }
}
