package org.gcommon.plugin.security.sandbox;

import java.security.AccessControlException;
import java.security.AccessController;
import java.security.Permission;
import java.security.PrivilegedAction;
import java.util.function.BiFunction;

/**
 * The JVM's SecurityManager while the sandbox runs. It decides exactly as the standard one does (the
 * framework's Conditional Permission Admin answers for bundle code); what it adds is the report: when
 * a check fails, the reporter is asked whether plugin code was calling, records the denial, and gives
 * the message for the SecurityException: the plugin, the permission and the fix.
 *
 * <p>This class uses JDK types only: it is defined by {@link TrustedDefiner} in a protection domain that
 * holds AllPermission by itself. Were it an ordinary class of this bundle, every check would also have
 * to check this bundle's own frame, and Conditional Permission Admin's own checks would recurse.
 */
@SuppressWarnings("removal")
public final class SandboxSecurityManager extends SecurityManager implements Runnable {

    /**
     * Granted decisions, by calling context and permission. Conditional Permission Admin re-evaluates its
     * whole table on every check (about 20 µs); the same code asking the same thing again is answered
     * from here. Sound because a context's protection domains and the table's conditions (bundle
     * locations) do not change; {@link #run()} forgets everything when the table or a bundle changes.
     * Denials are never cached: each is decided, and reported, afresh.
     */
    private final java.util.concurrent.ConcurrentHashMap<java.util.Map.Entry<java.security.AccessControlContext, Permission>, Boolean> granted =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Bounds the cache: past this it starts over. */
    private static final int MAX_DECISIONS = 20_000;

    // Keys are JDK pairs (Map.entry), not a class of this bundle: this class lives in a class loader of its
    // own (see TrustedDefiner) and cannot reach package-private types of the bundle.

    /** Set while a denial is being reported, so that checks made by the reporting itself do not recurse. */
    private static final ThreadLocal<Boolean> REPORTING = new ThreadLocal<>();

    private final BiFunction<Class<?>[], Permission, String> reporter;
    private final java.util.function.Function<Class<?>[], String> threadGate;
    private final java.util.function.Function<Class<?>[], ThreadGroup> threadGroups;

    /**
     * @param reporter given the classes on the stack and the refused permission, records the denial and
     *        returns the message to throw, or {@code null} when no plugin was calling
     * @param threadGate given the classes on the stack of code about to create a thread, returns why the
     *        thread is refused (a plugin over its thread limit), or {@code null}
     */
    public SandboxSecurityManager(BiFunction<Class<?>[], Permission, String> reporter,
            java.util.function.Function<Class<?>[], String> threadGate,
            java.util.function.Function<Class<?>[], ThreadGroup> threadGroups) {
        this.reporter = reporter;
        this.threadGate = threadGate;
        this.threadGroups = threadGroups;
        // Load what a denial needs now, while nothing is denied yet.
        REPORTING.get();
        new AccessControlException("warm-up");
    }

    @Override
    public void checkPermission(Permission perm) {
        java.security.AccessControlContext context = AccessController.getContext();
        java.util.Map.Entry<java.security.AccessControlContext, Permission> decision = java.util.Map.entry(context, perm);
        if (granted.containsKey(decision)) {
            return;
        }
        try {
            context.checkPermission(perm);
        } catch (SecurityException e) {
            throw reported(perm, e);
        }
        if (granted.size() >= MAX_DECISIONS) {
            granted.clear();
        }
        granted.put(decision, Boolean.TRUE);
    }

    /** Forgets every cached decision: the permission table or a bundle changed. */
    @Override
    public void run() {
        granted.clear();
    }

    /**
     * Not reported: with an explicit context the framework checks on behalf of someone else (a service
     * listener's saved context, say) and usually acts on the answer itself; the plugin on the current stack
     * is not the one being judged.
     */
    @Override
    public void checkPermission(Permission perm, Object context) {
        super.checkPermission(perm, context);
    }

    /**
     * The group of a thread created without one: a plugin's own group when plugin code creates it, so the
     * plugin's threads can be counted and measured together.
     */
    @Override
    public ThreadGroup getThreadGroup() {
        if (REPORTING.get() == null) {
            REPORTING.set(Boolean.TRUE);
            try {
                Class<?>[] stack = getClassContext();
                ThreadGroup own = AccessController.doPrivileged((PrivilegedAction<ThreadGroup>) () -> threadGroups.apply(stack));
                if (own != null) {
                    return own;
                }
            } catch (RuntimeException | LinkageError e) {
                // fall back to the default below
            } finally {
                REPORTING.remove();
            }
        }
        return super.getThreadGroup();
    }

    /** Called by every Thread constructor (for the new thread's group): the moment to count a plugin's threads. */
    @Override
    public void checkAccess(ThreadGroup group) {
        super.checkAccess(group);
        if (REPORTING.get() != null) {
            return;
        }
        REPORTING.set(Boolean.TRUE);
        String refusal;
        try {
            Class<?>[] stack = getClassContext();
            refusal = AccessController.doPrivileged((PrivilegedAction<String>) () -> threadGate.apply(stack));
        } catch (RuntimeException | LinkageError e) {
            refusal = null;
        } finally {
            REPORTING.remove();
        }
        if (refusal != null) {
            throw new SecurityException(refusal);
        }
    }

    private SecurityException reported(Permission perm, SecurityException original) {
        if (REPORTING.get() != null) {
            return original;
        }
        REPORTING.set(Boolean.TRUE);
        try {
            Class<?>[] stack = getClassContext();
            String message = AccessController.doPrivileged((PrivilegedAction<String>) () -> reporter.apply(stack, perm));
            return message == null ? original : new AccessControlException(message, perm);
        } catch (RuntimeException | LinkageError e) {
            return original;
        } finally {
            REPORTING.remove();
        }
    }
}
