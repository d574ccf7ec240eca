package org.gcommon.plugin.enforcement.probe;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleReference;

/**
 * Stands for a plugin bundle's class loader: it defines the classes of the probe's {@code plugin} package
 * itself, and is a {@link BundleReference} to a bundle with a {@code gcommon:} location, which is how the
 * hooks recognise plugin code before a checker is installed.
 */
final class PluginLoader extends ClassLoader implements BundleReference {

    static final String PLUGIN_PACKAGE = "org.gcommon.plugin.enforcement.probe.plugin.";
    static final String LOCATION = "gcommon:probe-plugin.jar";

    private final Bundle bundle = (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] { Bundle.class },
            (proxy, method, args) -> switch (method.getName()) {
            case "getLocation" -> LOCATION;
            case "toString" -> "probe-plugin";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> throw new UnsupportedOperationException(method.getName());
            });

    PluginLoader(ClassLoader parent) {
        super("probe-plugin", parent);
    }

    @Override
    public Bundle getBundle() {
        return bundle;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(PLUGIN_PACKAGE)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded != null) {
                return loaded;
            }
            try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }
}
