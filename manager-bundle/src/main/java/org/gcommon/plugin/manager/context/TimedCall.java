package org.gcommon.plugin.manager.context;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

import org.gcommon.plugin.api.PluginException;

/**
 * One call into plugin code on another thread under a deadline, as the runtime makes every lifecycle
 * call: the caller waits at most the timeout; a call that overruns has its context cancelled and its
 * thread interrupted, and the caller gets a failure whose message is what operators see as the
 * plugin's last error. Shared by the runtime and the testkit, so tests see the runtime's own messages.
 */
public final class TimedCall {

    private TimedCall() {
    }

    /**
     * @param <T> what the call returns
     * @param <E> the caller's failure type
     * @param threads where the call runs
     * @param pluginName for messages
     * @param method the plugin method called, e.g. {@code start()}, for messages
     * @param timeout how long the call may take
     * @param context cancelled when the deadline passes; may be {@code null}
     * @param call the plugin code
     * @param whenInterrupted why the caller stopped waiting if its own thread is interrupted
     * @param failure makes the caller's failure from a message and a cause
     * @return what the call returned
     * @throws E when the call threw or timed out
     */
    public static <T, E extends Exception> T call(ExecutorService threads, String pluginName, String method,
            Duration timeout, CancellableContext context, Callable<T> call, String whenInterrupted,
            BiFunction<String, Throwable, E> failure) throws E {
        Future<T> future = threads.submit(call);
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (context != null) {
                context.cancel();
            }
            future.cancel(true);
            throw failure.apply(method + " of plugin '" + pluginName + "' did not return within " + timeout.toMillis()
                    + " ms and was interrupted. Make " + method + " return promptly (move long work to the plugin's own "
                    + "threads) or raise lifecycle.timeout.ms in etc/org.gcommon.plugin.manager.cfg", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw failure.apply(method + " of plugin '" + pluginName + "' failed: " + describe(cause), cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw failure.apply(method + " of plugin '" + pluginName + "' was abandoned: " + whenInterrupted, e);
        }
    }

    /**
     * @param t an error
     * @return its message as operators should read it: a plugin's own PluginException message as is,
     *         anything else with its type
     */
    public static String describe(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getName();
        }
        return t instanceof PluginException ? message : t.getClass().getName() + ": " + message;
    }
}
