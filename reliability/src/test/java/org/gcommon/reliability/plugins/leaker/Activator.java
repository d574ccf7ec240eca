package org.gcommon.reliability.plugins.leaker;

import org.gcommon.plugin.api.Plugin;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Registers the {@link ThreadLeakingPlugin}. */
public final class Activator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        context.registerService(Plugin.class, new ThreadLeakingPlugin(), null);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the service
    }
}
