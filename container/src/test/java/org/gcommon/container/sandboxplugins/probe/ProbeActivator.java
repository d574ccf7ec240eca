package org.gcommon.container.sandboxplugins.probe;

import org.gcommon.plugin.api.Plugin;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Registers a {@link ProbePlugin}: the runtime then configures and starts it, and shows its health. */
public abstract class ProbeActivator implements BundleActivator {

    private final String name;
    private final ProbePlugin.When when;
    private final Attempt attempt;

    protected ProbeActivator(String name, Attempt attempt) {
        this(name, ProbePlugin.When.AT_START, attempt);
    }

    protected ProbeActivator(String name, ProbePlugin.When when, Attempt attempt) {
        this.name = name;
        this.when = when;
        this.attempt = attempt;
    }

    @Override
    public void start(BundleContext context) {
        context.registerService(Plugin.class, new ProbePlugin(name, context, when, attempt), null);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the plugin service
    }
}
