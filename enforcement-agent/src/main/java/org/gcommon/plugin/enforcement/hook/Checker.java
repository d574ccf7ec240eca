package org.gcommon.plugin.enforcement.hook;

import java.security.Permission;

/**
 * Decides for plugin code while the enforcement agent guards the JDK's entry points. The runtime's
 * security bundle installs one with {@link Enforcement#install(Checker)}; until then every plugin frame
 * is refused everything (fail closed).
 *
 * <p>Implementations are called on the thread doing the guarded work, with plugin code on its stack:
 * they must be fast for the common answer and must not block. Whatever guarded work they do themselves
 * (logging a denial to a file, reading a bundle's permissions) is not checked again.
 */
public interface Checker {

    /**
     * @param loader the class loader of a frame on the stack, neither the JDK's nor the agent's
     * @return the plugin that loader belongs to (an object the checker understands, compared by identity),
     *         or {@code null} when it is trusted runtime code
     */
    Object pluginOf(ClassLoader loader);

    /**
     * @param plugin a plugin returned by {@link #pluginOf(ClassLoader)}
     * @param permission what it asks for
     * @return {@code null} when the plugin may, else the message of the SecurityException: the plugin,
     *         the permission and the line that would grant it
     */
    String deny(Object plugin, Permission permission);

    /**
     * @param plugin the plugin whose own code starts a thread
     * @param thread the thread about to start
     * @return {@code null} to let it start, else why it may not (a plugin over its thread limit)
     */
    String admitThread(Object plugin, Thread thread);

    /**
     * {@code Bundle.hasPermission} for the framework: a query about a bundle, not about the stack, and not
     * reported as a denial.
     *
     * @param bundle the framework's bundle object
     * @return whether the bundle holds the permission (runtime bundles hold every one)
     */
    boolean bundleHolds(Object bundle, Permission permission);
}
