package org.gcommon.container.sandboxplugins.securitymanager;

import org.gcommon.container.sandboxplugins.probe.ProbeActivator;

/** Tries to switch the sandbox off by removing the SecurityManager. */
public final class Activator extends ProbeActivator {

    public Activator() {
        super("sandbox-security-manager", scope -> {
            System.setSecurityManager(null);
            return "the SecurityManager is gone";
        });
    }
}
