package org.gcommon.plugin.testkit;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.PluginContext;

/** A plugin whose start and health block until released, to exercise deadlines and cancellation. */
final class StubbornPlugin implements Plugin {

    final CountDownLatch release = new CountDownLatch(1);
    final AtomicBoolean cancelHookRan = new AtomicBoolean();
    final AtomicBoolean interrupted = new AtomicBoolean();
    volatile boolean blockStart = true;
    volatile boolean blockHealth;

    @Override
    public String name() {
        return "stubborn";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public void initialize(Map<String, Object> config) {
    }

    @Override
    public void start(PluginContext context) {
        context.onCancel(() -> cancelHookRan.set(true));
        if (blockStart) {
            await();
        }
    }

    @Override
    public void stop(PluginContext context) {
    }

    @Override
    public HealthStatus health() {
        if (blockHealth) {
            await();
        }
        return HealthStatus.healthy("fine");
    }

    private void await() {
        try {
            release.await();
        } catch (InterruptedException e) {
            interrupted.set(true);
            Thread.currentThread().interrupt();
        }
    }
}
