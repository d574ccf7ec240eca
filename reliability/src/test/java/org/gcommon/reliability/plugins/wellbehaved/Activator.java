package org.gcommon.reliability.plugins.wellbehaved;

import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.middleware.MiddlewarePlugin;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Registers the {@link WellBehavedPlugin}, named {@value WellBehavedPlugin#NAME}, or after the bundle when
 * the same classes are deployed under other symbolic names (the soak runs several at once).
 */
public final class Activator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        context.registerService(new String[] { Plugin.class.getName(), MiddlewarePlugin.class.getName() },
                new WellBehavedPlugin(pluginName(context.getBundle().getSymbolicName())), null);
    }

    private static String pluginName(String symbolicName) {
        return symbolicName.endsWith(".wellbehaved") ? WellBehavedPlugin.NAME : symbolicName;
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the service
    }
}
