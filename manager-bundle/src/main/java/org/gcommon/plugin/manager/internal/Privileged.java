package org.gcommon.plugin.manager.internal;

import java.security.AccessController;
import java.security.PrivilegedAction;
import java.util.function.Supplier;

/**
 * Runs runtime work with the runtime's own rights. Plugins call the registry and the health service;
 * the answers need bundle metadata a sandboxed plugin may not read itself, and the runtime only hands
 * back what it would tell anybody.
 */
final class Privileged {

    private Privileged() {
    }

    @SuppressWarnings("removal")
    static <T> T call(Supplier<T> work) {
        return AccessController.doPrivileged((PrivilegedAction<T>) work::get);
    }
}
