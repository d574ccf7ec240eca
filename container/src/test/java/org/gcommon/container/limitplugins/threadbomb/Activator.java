package org.gcommon.container.limitplugins.threadbomb;

import java.util.concurrent.CountDownLatch;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * A thread bomb: starts threads that never end, in a loop, while the bundle starts. The loop is bounded
 * so that a runtime without a thread limit fails the test instead of the machine.
 */
public final class Activator implements BundleActivator {

    static final int ATTEMPTS = 2_000;

    @Override
    public void start(BundleContext context) {
        for (int i = 0; i < ATTEMPTS; i++) {
            Thread thread = new Thread(Activator::waitUntilInterrupted, "limit-threadbomb-" + i);
            thread.setDaemon(true);
            thread.start();
        }
    }

    private static void waitUntilInterrupted() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            // the runtime took the plugin out of service: end
        }
    }

    @Override
    public void stop(BundleContext context) {
        // leaves its threads behind on purpose: the runtime is the one to interrupt them
    }
}
