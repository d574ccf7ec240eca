package org.gcommon.benchmarks.bundles.probe;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import org.gcommon.plugin.api.HealthService;
import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.PluginInfo;
import org.gcommon.plugin.api.PluginRegistry;
import org.gcommon.plugin.api.PluginState;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The measurements' view into the runtime: what a management client sees, through the registry and
 * the health service, offered as JDK-typed services ({@code bench.op}) to the launcher.
 */
public final class Activator implements BundleActivator {

    private ServiceTracker<PluginRegistry, PluginRegistry> registries;
    private ServiceTracker<HealthService, HealthService> healths;

    @Override
    public void start(BundleContext context) {
        registries = new ServiceTracker<>(context, PluginRegistry.class, null);
        registries.open();
        healths = new ServiceTracker<>(context, HealthService.class, null);
        healths.open();
        register(context, IntSupplier.class, "probe.active", (IntSupplier) () -> {
            int active = 0;
            for (PluginInfo info : registries.getService().plugins()) {
                if (info.state() == PluginState.ACTIVE) {
                    active++;
                }
            }
            return active;
        });
        // a plugin's state and health, e.g. "ACTIVE HEALTHY", or "ABSENT"
        register(context, Function.class, "probe.state", (Function<String, String>) name -> registries.getService()
                .plugin(name).map(info -> info.state() + " " + (info.state() == PluginState.ACTIVE
                        ? healths.getService().health(name).status() : HealthStatus.Status.UNKNOWN))
                .orElse("ABSENT"));
        register(context, LongSupplier.class, "probe.list-nanos", (LongSupplier) () -> {
            long start = System.nanoTime();
            int n = registries.getService().plugins().size();
            return n < 0 ? -1 : System.nanoTime() - start;
        });
        register(context, LongSupplier.class, "probe.report-nanos", (LongSupplier) () -> {
            long start = System.nanoTime();
            int n = healths.getService().report().plugins().size();
            return n < 0 ? -1 : System.nanoTime() - start;
        });
    }

    private static <T> void register(BundleContext context, Class<T> type, String op, T service) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("bench.op", op);
        context.registerService(type, service, props);
    }

    @Override
    public void stop(BundleContext context) {
        healths.close();
        registries.close();
    }
}
