package org.gcommon.container.sandboxplugins.listener;

import org.gcommon.plugin.api.Plugin;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Registers the {@link ListenerPlugin}. */
public final class Activator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        context.registerService(Plugin.class, new ListenerPlugin(), null);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the plugin service
    }
}
