package org.gcommon.plugin.testkit.nosy;

import org.gcommon.plugin.api.Plugin;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Registers {@link NosyPlugin}: a plugin bundle without Declarative Services, small enough to pack in a test. */
public final class NosyActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        context.registerService(Plugin.class, new NosyPlugin(), null);
    }

    @Override
    public void stop(BundleContext context) {
    }
}
