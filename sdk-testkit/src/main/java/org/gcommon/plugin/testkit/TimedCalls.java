package org.gcommon.plugin.testkit;

import java.time.Duration;
import java.util.concurrent.ExecutorService;

import org.gcommon.plugin.manager.context.TimedCall;

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
        return TimedCall.call(threads, pluginName, method, timeout, context, call::call,
                "the test thread was interrupted", CallFailure::new);
    }

    static String describe(Throwable t) {
        return TimedCall.describe(t);
    }
}
