package org.gcommon.reliability.plugins.flood;

import org.gcommon.plugin.api.Plugin;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Registers the {@link EventFloodPlugin}. */
public final class Activator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        context.registerService(Plugin.class, new EventFloodPlugin(), null);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the service
    }
}
