package org.gcommon.reliability.plugins.leaker;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.PluginContext;

/**
 * Leaks threads: a thread of its own starts another thread every 20 ms that waits forever, and nothing
 * ever ends them (stop() does not either). Bounded at 500 threads so that a runtime without a thread
 * limit fails the test, not the machine.
 */
public final class ThreadLeakingPlugin implements Plugin {

    public static final String NAME = "leaks-threads";
    static final int MOST = 500;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public void initialize(Map<String, Object> config) {
        // nothing to configure
    }

    @Override
    public void start(PluginContext context) {
        Thread spawner = new Thread(ThreadLeakingPlugin::leak, "leaks-threads-spawner");
        spawner.setDaemon(true);
        spawner.start();
    }

    private static void leak() {
        for (int i = 0; i < MOST; i++) {
            Thread leaked = new Thread(ThreadLeakingPlugin::waitForever, "leaks-threads-" + i);
            leaked.setDaemon(true);
            leaked.start();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void waitForever() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            // taken out of service
        }
    }

    @Override
    public void stop(PluginContext context) {
        // forgets its threads on purpose
    }

    @Override
    public HealthStatus health() {
        return HealthStatus.healthy("leaking");
    }
}
