package org.gcommon.reliability.plugins.wellbehaved;

import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.middleware.MiddlewarePlugin;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Registers the {@link WellBehavedPlugin}. */
public final class Activator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        context.registerService(new String[] { Plugin.class.getName(), MiddlewarePlugin.class.getName() },
                new WellBehavedPlugin(), null);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the service
    }
}
