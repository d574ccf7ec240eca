package org.gcommon.benchmarks.bundles.provider;

import org.gcommon.benchmarks.bundles.spi.Catalog;
import org.gcommon.plugin.api.Plugin;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Registers the provider twice: as a plugin (the runtime's registry offers it) and, for the baseline, as
 * a plain OSGi service of type {@link Catalog}. Both registrations hold the same object.
 */
public final class Activator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        CatalogProvider provider = new CatalogProvider();
        context.registerService(Plugin.class, provider, null);
        context.registerService(Catalog.class, provider, null);
    }

    @Override
    public void stop(BundleContext context) {
    }
}
