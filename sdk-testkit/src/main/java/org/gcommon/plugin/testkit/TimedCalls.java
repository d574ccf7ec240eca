package org.gcommon.plugin.testkit;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.gcommon.plugin.api.PluginException;

/**
 * Runs plugin code on a harness thread under a deadline, as the runtime does: an overrun cancels the
 * context and interrupts the thread, and the failure message is the one the container would record.
 */
final class TimedCalls {

    @FunctionalInterface
    interface PluginCall<T> {
        T call() throws Exception;
    }

    /** A lifecycle call that threw or overran; its message is the plugin's last error. */
    static final class CallFailure extends Exception {
        private static final long serialVersionUID = 1L;

        CallFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ExecutorService threads;

    TimedCalls(ExecutorService threads) {
        this.threads = threads;
    }

    <T> T call(String pluginName, String method, Duration timeout, TestPluginContext context, PluginCall<T> call)
            throws CallFailure {
        Future<T> future = threads.submit(call::call);
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
            throw new CallFailure(method + " of plugin '" + pluginName + "' was abandoned: the test thread was interrupted",
                    e);
        }
    }

    static String describe(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getName();
        }
        return t instanceof PluginException ? message : t.getClass().getName() + ": " + message;
    }
}
