package org.gcommon.container.sandboxplugins.nativecode;

import org.gcommon.container.sandboxplugins.probe.ProbeActivator;

/** Tries to load a native library: code the JVM cannot check. */
public final class Activator extends ProbeActivator {

    public Activator() {
        super("sandbox-native", scope -> {
            System.loadLibrary("gcommonprobe");
            return "loaded libgcommonprobe";
        });
    }
}
