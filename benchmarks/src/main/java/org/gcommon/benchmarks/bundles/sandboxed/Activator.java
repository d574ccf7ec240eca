package org.gcommon.benchmarks.bundles.sandboxed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.function.IntSupplier;

import org.gcommon.plugin.api.Plugin;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Plugin code paths, each registered as an {@link IntSupplier}: with the sandbox on, every permission
 * check on them evaluates this bundle's Conditional Permission Admin rows.
 */
public final class Activator implements BundleActivator {

    private static final int[] DATA = new int[256];

    static {
        for (int i = 0; i < DATA.length; i++) {
            DATA[i] = i * 31 + 7;
        }
    }

    @Override
    public void start(BundleContext context) {
        SandboxedPlugin plugin = new SandboxedPlugin();
        context.registerService(Plugin.class, plugin, null);
        register(context, "sandbox.ready", () -> plugin.dataFile() == null ? 0 : 1);
        // a property every plugin may read (checked: PropertyPermission "java.version" "read")
        register(context, "sandbox.property", () -> System.getProperty("java.version").length());
        // its own data file (checked: FilePermission in the bundle's data area)
        register(context, "sandbox.file", () -> {
            try {
                return Files.readAllBytes(plugin.dataFile()).length;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        // a service lookup (checked: ServicePermission get)
        register(context, "sandbox.service", () -> {
            ServiceReference<?> ref = context.getServiceReference("org.gcommon.plugin.api.PluginRegistry");
            Object registry = context.getService(ref);
            try {
                return registry.hashCode();
            } finally {
                context.ungetService(ref);
            }
        });
        // pure computation: no check at all
        register(context, "sandbox.compute", () -> {
            int h = 1;
            for (int v : DATA) {
                h = h * 31 + (v ^ (h >>> 7));
            }
            return h;
        });
    }

    private static void register(BundleContext context, String op, IntSupplier call) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("bench.op", op);
        context.registerService(IntSupplier.class, call, props);
    }

    @Override
    public void stop(BundleContext context) {
    }
}
