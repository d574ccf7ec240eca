package org.gcommon.container.sandboxplugins.policy;

import java.security.Policy;

import org.gcommon.container.sandboxplugins.probe.ProbeActivator;

/** Tries to replace the JVM's security policy. */
public final class Activator extends ProbeActivator {

    public Activator() {
        super("sandbox-policy", scope -> {
            Policy.setPolicy(new Policy() {
            });
            return "the policy is replaced";
        });
    }
}
