package org.gcommon.container.sandboxplugins.stopbundle;

import org.osgi.framework.Bundle;

import org.gcommon.container.sandboxplugins.probe.ProbeActivator;

/** Tries to stop another plugin's bundle: the symbolic name in etc/sandbox-stop-bundle.cfg. */
public final class Activator extends ProbeActivator {

    public Activator() {
        super("sandbox-stop-bundle", scope -> {
            String target = scope.setting("target");
            for (Bundle bundle : scope.bundleContext().getBundles()) {
                if (target.equals(bundle.getSymbolicName())) {
                    bundle.stop();
                    return "stopped " + target;
                }
            }
            throw new IllegalStateException("no bundle " + target + " is installed");
        });
    }
}
