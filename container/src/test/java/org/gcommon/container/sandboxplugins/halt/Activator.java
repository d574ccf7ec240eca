package org.gcommon.container.sandboxplugins.halt;

import org.gcommon.container.sandboxplugins.probe.ProbeActivator;

/** Tries to stop the whole JVM with Runtime.halt, which skips even the shutdown hooks. */
public final class Activator extends ProbeActivator {

    public Activator() {
        super("sandbox-halt", scope -> {
            Runtime.getRuntime().halt(4);
            return "Runtime.halt(4) returned";
        });
    }
}
