package org.gcommon.reliability.plugins.throwing;

import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.middleware.MiddlewarePlugin;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Registers the {@link ThrowingPlugin}. */
public final class Activator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        context.registerService(new String[] { Plugin.class.getName(), MiddlewarePlugin.class.getName() },
                new ThrowingPlugin(), null);
    }

    @Override
    public void stop(BundleContext context) {
        throw new IllegalStateException("the throwing plugin's activator throws in stop() too");
    }
}
