package org.gcommon.benchmarks.bundles.tiny;

import java.util.Map;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.PluginContext;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * The smallest useful plugin, registered by its bundle activator; its name comes from the manifest
 * header {@code Bench-Plugin-Name}, so a thousand bundles share this code under a thousand names.
 */
public final class TinyPlugin implements Plugin, BundleActivator {

    private String name;
    private volatile boolean running;

    @Override
    public void start(BundleContext context) {
        name = context.getBundle().getHeaders().get("Bench-Plugin-Name");
        context.registerService(Plugin.class, this, null);
    }

    @Override
    public void stop(BundleContext context) {
    }

    @Override
    public String name() {
        return name;
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
        running = true;
    }

    @Override
    public void stop(PluginContext context) {
        running = false;
    }

    @Override
    public HealthStatus health() {
        return running ? HealthStatus.healthy("idle") : HealthStatus.unknown("not running");
    }
}
