package org.gcommon.container.adminplugins.blocking;

import java.util.Map;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.PluginException;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** A new version whose start() blocks for a minute: the container is killed while the update waits for it. Named admin-probe, versioned as its bundle. */
public final class Activator implements BundleActivator, Plugin {

    private String version = "0.0.0";

    @Override
    public void start(BundleContext context) {
        version = context.getBundle().getVersion().toString();
        context.registerService(Plugin.class, this, null);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the plugin service
    }

    @Override
    public String name() {
        return "admin-probe";
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public void initialize(Map<String, Object> config) {
        // nothing to configure
    }

    @Override
    public void start(PluginContext context) throws PluginException {
        try {
            // a start that waits a minute for something that never comes, like a backend that does not answer
            new java.util.concurrent.CountDownLatch(1).await(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginException("interrupted in start()", e);
        }
    }

    @Override
    public void stop(PluginContext context) {
        // nothing to release
    }

    @Override
    public HealthStatus health() {
        return HealthStatus.healthy("started late");
    }
}
