package org.gcommon.container;

import java.util.concurrent.atomic.AtomicBoolean;

import sun.misc.Signal;

/**
 * Ctrl-C and SIGTERM stop the container cleanly and end the process with status 0.
 *
 * <p>The shutdown hook does the stopping, so that any way out of the JVM stops the framework. Left
 * to the JVM, a signal would end the process with 128+signal; handling INT and TERM by calling
 * {@code System.exit(0)} runs the same hook and reports the clean stop as success. A second Ctrl-C
 * while plugins are stopping exits at once.
 */
final class StopSignals {

    private static final int EXIT_FORCED = 130;

    private static final AtomicBoolean SIGNALLED = new AtomicBoolean();

    private StopSignals() {
    }

    /** @param stop stops the container and waits for it; called at most once at JVM shutdown */
    static void install(Runnable stop) {
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "gcommon-shutdown"));
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), StopSignals::onSignal);
            } catch (IllegalArgumentException e) {
                // the JVM keeps this signal (e.g. -Xrs): the shutdown hook alone stops the container
            }
        }
    }

    private static void onSignal(Signal signal) {
        if (!SIGNALLED.compareAndSet(false, true)) {
            System.err.println("gcommon: SIG" + signal.getName() + " again: exiting without waiting for plugins");
            Runtime.getRuntime().halt(EXIT_FORCED);
        }
        // runs the shutdown hook; this signal thread waits here until the JVM ends
        System.exit(Main.EXIT_OK);
    }
}
