package org.gcommon.benchmarks.bundles.registry;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import java.util.function.IntSupplier;

import org.gcommon.benchmarks.bundles.spi.Catalog;
import org.gcommon.plugin.api.PluginRegistry;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A consumer of the {@link Catalog} SPI, as a plugin calling a provider would be. Each way of reaching
 * the provider is registered as an {@link IntSupplier} ({@code bench.op}) that looks the provider up,
 * calls it once and returns something of the answer, so the benchmark consumes it.
 *
 * <p>The {@link PluginRegistry} is fetched once, as a Declarative Services reference would hold it; the
 * lookup measured is the registry's own.
 */
public final class Activator implements BundleActivator {

    static final String KEY = "k42";

    private ServiceTracker<PluginRegistry, PluginRegistry> registries;
    private ServiceTracker<Catalog, Catalog> catalogs;

    @Override
    public void start(BundleContext context) throws Exception {
        registries = new ServiceTracker<>(context, PluginRegistry.class, null);
        registries.open();
        catalogs = new ServiceTracker<>(context, Catalog.class, null);
        catalogs.open();
        PluginRegistry registry = registries.waitForService(30_000);
        if (registry == null) {
            throw new IllegalStateException("No PluginRegistry service within 30 s");
        }
        Catalog proxy = registry.providerProxy(Catalog.class);

        register(context, "registry.provider", () -> {
            Optional<Catalog> catalog = registry.provider(Catalog.class);
            return catalog.get().find(KEY).length();
        });
        register(context, "registry.proxy", () -> proxy.find(KEY).length());
        ServiceTracker<Catalog, Catalog> tracker = catalogs;
        register(context, "osgi.tracker", () -> tracker.getService().find(KEY).length());
        register(context, "osgi.getservice", () -> {
            ServiceReference<Catalog> ref = context.getServiceReference(Catalog.class);
            Catalog catalog = context.getService(ref);
            try {
                return catalog.find(KEY).length();
            } finally {
                context.ungetService(ref);
            }
        });
        Catalog[] held = new Catalog[1];
        register(context, "direct.call", () -> {
            Catalog c = held[0];
            if (c == null) {
                c = held[0] = tracker.getService();
            }
            return c.find(KEY).length();
        });
    }

    private static void register(BundleContext context, String op, IntSupplier call) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("bench.op", op);
        context.registerService(IntSupplier.class, call, props);
    }

    @Override
    public void stop(BundleContext context) {
        catalogs.close();
        registries.close();
    }
}
