package org.gcommon.container.sandboxplugins.process;

import org.gcommon.container.sandboxplugins.probe.ProbeActivator;

/** Tries to run an operating system process. */
public final class Activator extends ProbeActivator {

    public Activator() {
        super("sandbox-process", scope -> {
            Process process = new ProcessBuilder("/bin/true").start();
            return "/bin/true ran and ended with " + process.waitFor();
        });
    }
}
