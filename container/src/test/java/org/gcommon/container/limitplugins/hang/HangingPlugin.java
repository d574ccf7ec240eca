package org.gcommon.container.limitplugins.hang;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.PluginException;

/** A plugin whose start() waits for something that never comes (until the runtime interrupts it). */
public final class HangingPlugin implements Plugin {

    /** The plugin's name, also the key of its own lifecycle timeout in etc/org.gcommon.plugin.manager.cfg. */
    public static final String NAME = "limit-hang";

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
    public void start(PluginContext context) throws PluginException {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginException("interrupted while waiting in start()", e);
        }
    }

    @Override
    public void stop(PluginContext context) {
        // never started
    }

    @Override
    public HealthStatus health() {
        return HealthStatus.healthy("waiting in start()");
    }
}
