package org.gcommon.container.adminplugins.unhealthy;

import java.util.Map;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.PluginException;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** A new version that starts but reports UNHEALTHY: the update is rolled back when the window ends. Named admin-probe, versioned as its bundle. */
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
        // starts fine
    }

    @Override
    public void stop(PluginContext context) {
        // nothing to release
    }

    @Override
    public HealthStatus health() {
        return HealthStatus.unhealthy("backend unreachable");
    }
}
