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
public final class SandboxSecurityManager extends SecurityManager {

    /** Set while a denial is being reported, so that checks made by the reporting itself do not recurse. */
    private static final ThreadLocal<Boolean> REPORTING = new ThreadLocal<>();

    private final BiFunction<Class<?>[], Permission, String> reporter;

    /**
     * @param reporter given the classes on the stack and the refused permission, records the denial and
     *        returns the message to throw, or {@code null} when no plugin was calling
     */
    public SandboxSecurityManager(BiFunction<Class<?>[], Permission, String> reporter) {
        this.reporter = reporter;
        // Load what a denial needs now, while nothing is denied yet.
        REPORTING.get();
        new AccessControlException("warm-up");
    }

    @Override
    public void checkPermission(Permission perm) {
        try {
            super.checkPermission(perm);
        } catch (SecurityException e) {
            throw reported(perm, e);
        }
    }

    @Override
    public void checkPermission(Permission perm, Object context) {
        try {
            super.checkPermission(perm, context);
        } catch (SecurityException e) {
            throw reported(perm, e);
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
