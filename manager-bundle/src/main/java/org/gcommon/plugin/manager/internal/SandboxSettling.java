package org.gcommon.plugin.manager.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.gcommon.plugin.api.security.PluginPermissions;
import org.osgi.framework.BundleContext;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/**
 * Waits, at start, until the sandbox has settled: the framework runs the plugins' start level (the
 * sandbox raised it once enforced, or with {@code --insecure}), or the sandbox says it will not raise it.
 *
 * <p>Why: the framework resolves every waiting bundle when the start level rises. Plugin jars installed
 * from {@code deploy/} at that same moment were seen half-installed by that resolve (their content not
 * yet readable, so the scanner refused them, and the framework's wiring of that round failed for bundles
 * that had nothing to do with them). Installing only once the level has settled keeps the two apart.
 */
final class SandboxSettling {

    /** The framework property with which the container runs plugins without a sandbox (--insecure). */
    static final String INSECURE = "gcommon.sandbox.insecure";

    private static final Duration MOST = Duration.ofSeconds(30);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private SandboxSettling() {
    }

    /**
     * @param context the runtime's bundle context
     * @param sandbox the sandbox service, {@code null} while absent
     * @return whether it settled within the bound (else the caller goes on anyway)
     */
    static boolean await(BundleContext context, Supplier<PluginPermissions> sandbox) {
        FrameworkStartLevel level = context.getBundle(0).adapt(FrameworkStartLevel.class);
        if (level == null) {
            return true;
        }
        boolean insecure = Boolean.parseBoolean(context.getProperty(INSECURE));
        long deadline = System.nanoTime() + MOST.toNanos();
        while (level.getStartLevel() < level.getInitialBundleStartLevel()) {
            PluginPermissions current = sandbox.get();
            if (current != null && !current.enforced() && !insecure) {
                return true; // fails closed: the level stays where it is, plugins are installed but never started
            }
            if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
    }
}
