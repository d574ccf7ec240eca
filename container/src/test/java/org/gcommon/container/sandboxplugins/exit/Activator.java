package org.gcommon.container.sandboxplugins.exit;

import org.gcommon.container.sandboxplugins.probe.ProbeActivator;

/** Tries to stop the whole JVM with System.exit. */
public final class Activator extends ProbeActivator {

    public Activator() {
        super("sandbox-exit", scope -> {
            System.exit(3);
            return "System.exit(3) returned";
        });
    }
}
