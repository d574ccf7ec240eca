package org.gcommon.container.limitplugins.hang;

import org.gcommon.plugin.api.Plugin;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Registers a {@link HangingPlugin}: the runtime initializes it, then its start() never returns. */
public final class Activator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        context.registerService(Plugin.class, new HangingPlugin(), null);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the plugin service
    }
}
