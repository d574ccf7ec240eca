package org.gcommon.container.sandboxplugins.classloader;

import java.net.URL;
import java.net.URLClassLoader;

import org.gcommon.container.sandboxplugins.probe.ProbeActivator;

/** Tries to create a class loader of its own, which could load code nobody checked. */
public final class Activator extends ProbeActivator {

    public Activator() {
        super("sandbox-class-loader", scope -> {
            try (URLClassLoader loader = new URLClassLoader(new URL[0])) {
                return "created " + loader;
            }
        });
    }
}
