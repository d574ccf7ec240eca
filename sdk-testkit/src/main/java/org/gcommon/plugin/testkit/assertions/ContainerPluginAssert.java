package org.gcommon.plugin.testkit.assertions;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.gcommon.plugin.api.HealthService;
import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.PluginInfo;
import org.gcommon.plugin.api.PluginRegistry;
import org.gcommon.plugin.api.PluginState;
import org.gcommon.plugin.api.security.Denial;
import org.gcommon.plugin.api.security.PermissionReport;
import org.gcommon.plugin.api.security.PluginPermissions;

/**
 * Assertions on a plugin in a running container. The runtime works asynchronously (a bundle starts,
 * its component registers, the plugin is initialized and started, health is cached for about a
 * second), so each assertion waits until it holds or its time is up, then fails with what the
 * registry shows.
 */
public final class ContainerPluginAssert {

    /** How long an assertion waits by default; generous for a busy 2-core machine. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

    private final String name;
    private final PluginRegistry registry;
    private final HealthService health;
    private Duration wait = DEFAULT_WAIT;

    ContainerPluginAssert(String name, PluginRegistry registry, HealthService health) {
        this.name = Objects.requireNonNull(name, "pluginName");
        this.registry = Objects.requireNonNull(registry, "registry: inject the runtime's PluginRegistry (@Inject)");
        this.health = Objects.requireNonNull(health, "health: inject the runtime's HealthService (@Inject)");
    }

    /**
     * @param atMost how long each following assertion may wait
     * @return this
     */
    public ContainerPluginAssert within(Duration atMost) {
        this.wait = Objects.requireNonNull(atMost, "atMost");
        return this;
    }

    /**
     * Waits until the registry lists the plugin in the state.
     *
     * @param expected the state
     * @return this
     */
    public ContainerPluginAssert becomes(PluginState expected) {
        try {
            Awaitility.await().atMost(wait).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(25))
                    .until(() -> registry.plugin(name).map(PluginInfo::state).orElse(null) == expected);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Expected plugin '" + name + "' to become " + expected + " within " + wait.toMillis()
                    + " ms, but it is " + describe(registry.plugin(name)) + "; the registry lists " + listing());
        }
        return this;
    }

    /** @return this, once the plugin is ACTIVE */
    public ContainerPluginAssert becomesActive() {
        return becomes(PluginState.ACTIVE);
    }

    /** @return this, once the health service reports the plugin HEALTHY */
    public ContainerPluginAssert becomesHealthy() {
        return reportsHealth(HealthStatus.Status.HEALTHY);
    }

    /**
     * Waits until the health service reports the status (its answers are cached about a second).
     *
     * @param expected the status
     * @return this
     */
    public ContainerPluginAssert reportsHealth(HealthStatus.Status expected) {
        try {
            Awaitility.await().atMost(wait).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                    .until(() -> health.health(name).status() == expected);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Expected plugin '" + name + "' to report " + expected + " within " + wait.toMillis()
                    + " ms, but its health is " + health.health(name) + " and it is " + describe(registry.plugin(name)));
        }
        return this;
    }

    /**
     * Waits until the sandbox has denied the plugin a permission (a {@link #within} wait); for
     * container tests with {@code GcommonOptions.sandbox()}.
     *
     * @param permissions the runtime's {@link PluginPermissions} service (inject it)
     * @param permission text the denied permission must contain, e.g. {@code "user.home"} or {@code "SocketPermission"}
     * @return this
     */
    public ContainerPluginAssert wasDenied(PluginPermissions permissions, String permission) {
        Objects.requireNonNull(permissions, "permissions: inject the runtime's PluginPermissions (@Inject)");
        try {
            Awaitility.await().atMost(wait).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                    .until(() -> denials(permissions).stream().anyMatch(d -> d.permission().contains(permission)));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Expected plugin '" + name + "' to be denied a permission containing '" + permission
                    + "' within " + wait.toMillis() + " ms, but its denials are " + describe(denials(permissions))
                    + " (sandbox: " + permissions.enforcement() + ")");
        }
        return this;
    }

    /**
     * @param permissions the runtime's {@link PluginPermissions} service (inject it)
     * @return this, when the sandbox has denied the plugin nothing so far
     */
    public ContainerPluginAssert hasNoDenials(PluginPermissions permissions) {
        List<Denial> denials = denials(permissions);
        if (!denials.isEmpty()) {
            throw new AssertionError("Expected plugin '" + name + "' to have been denied nothing, but it was denied "
                    + describe(denials));
        }
        return this;
    }

    private List<Denial> denials(PluginPermissions permissions) {
        long bundleId = info().bundleId();
        return permissions.report(bundleId).map(PermissionReport::denials).orElse(List.of());
    }

    private static String describe(List<Denial> denials) {
        StringBuilder b = new StringBuilder("[");
        for (Denial d : denials) {
            b.append(b.length() > 1 ? "; " : "").append(d.permission()).append(" (fix: ").append(d.fix()).append(')');
        }
        return b.append(']').toString();
    }

    /** @return the registry's entry for the plugin now */
    public PluginInfo info() {
        return registry.plugin(name).orElseThrow(() -> new AssertionError("Plugin '" + name + "' is not listed; the "
                + "registry lists " + listing()));
    }

    private static String describe(Optional<PluginInfo> info) {
        return info.map(i -> i.state() + PluginInfoAssert.describeError(i)).orElse("not listed");
    }

    private String listing() {
        StringBuilder b = new StringBuilder("[");
        for (PluginInfo i : registry.plugins()) {
            b.append(b.length() > 1 ? ", " : "").append(i.name()).append(' ').append(i.state());
        }
        return b.append(']').toString();
    }
}
