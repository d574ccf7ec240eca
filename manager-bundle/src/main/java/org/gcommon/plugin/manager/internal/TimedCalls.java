package org.gcommon.plugin.manager.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
        Callable<T> task = call::call;
        Future<T> future = workers.submit(task);
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (context != null) {
                context.cancel();
            }
            future.cancel(true);
            throw new CallFailure(method + " of plugin '" + pluginName + "' did not return within " + timeout.toMillis()
                    + " ms and was interrupted. Make " + method + " return promptly (move long work to the plugin's own "
                    + "threads) or raise lifecycle.timeout.ms in etc/org.gcommon.plugin.manager.cfg", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new CallFailure(method + " of plugin '" + pluginName + "' failed: " + describe(cause), cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new CallFailure(method + " of plugin '" + pluginName + "' was abandoned: the runtime is shutting down",
                    e);
        }
    }

    static String describe(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getName();
        }
        return t instanceof org.gcommon.plugin.api.PluginException ? message : t.getClass().getName() + ": " + message;
    }
}
