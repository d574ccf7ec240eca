package org.gcommon.container.limitplugins.spin;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Starts one thread that spins on a CPU until it is interrupted. Java cannot stop a thread that ignores
 * interrupts; this one honours them, so that the test also sees the runtime's interrupt arrive.
 */
public final class Activator implements BundleActivator {

    /** Read by nobody; written so that the loop has an effect the JIT cannot remove. */
    static volatile long sink;

    @Override
    public void start(BundleContext context) {
        Thread thread = new Thread(Activator::spin, "limit-spin");
        thread.setDaemon(true);
        thread.start();
    }

    private static void spin() {
        long x = 0;
        while (!Thread.currentThread().isInterrupted()) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            sink = x;
        }
    }

    @Override
    public void stop(BundleContext context) {
        // leaves its thread spinning on purpose: the runtime is the one to interrupt it
    }
}
