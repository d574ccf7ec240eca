package org.gcommon.reliability.plugins.hangstop;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.PluginContext;

/**
 * Starts fine and never returns from stop(): it waits on something that never comes and ignores being
 * interrupted, as a plugin stuck in a remote call does. Bounded at five minutes so that the test machine
 * gets its thread back.
 */
public final class HangingStopPlugin implements Plugin {

    public static final String NAME = "hangs-in-stop";

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
        // starts at once
    }

    @Override
    public void stop(PluginContext context) {
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        CountDownLatch never = new CountDownLatch(1);
        while (System.nanoTime() < until) {
            try {
                never.await(until - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                // ignored on purpose: the runtime cannot rely on a plugin honouring interrupts
            }
        }
    }

    @Override
    public HealthStatus health() {
        return HealthStatus.healthy("fine until stopped");
    }
}
