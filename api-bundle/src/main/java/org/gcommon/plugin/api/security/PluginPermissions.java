package org.gcommon.plugin.api.security;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The sandbox's view of plugin permissions, registered by the runtime's security bundle.
 *
 * <p>A plugin may do what every plugin may do (the defaults), plus what it declares in its
 * {@code OSGI-INF/permissions.perm} <em>and</em> an administrator grants to its symbolic name in
 * {@code etc/org.gcommon.plugin.security.grants.cfg}: effective = defaults + (declared ∩ granted).
 */
@ProviderType
public interface PluginPermissions {

    /** Configuration PID of the administrator's grants, one key per Bundle-SymbolicName. */
    String GRANTS_PID = "org.gcommon.plugin.security.grants";

    /** The file in {@code etc/} that holds the grants. */
    String GRANTS_FILE = "etc/" + GRANTS_PID + ".cfg";

    /**
     * @param bundleId a plugin bundle's id
     * @return its permissions and recent denials, empty for bundles that are not plugins
     */
    Optional<PermissionReport> report(long bundleId);

    /** @return how the sandbox is enforced now, e.g. {@code Conditional Permission Admin + SecurityManager}, or why it is not */
    String enforcement();

    /** @return whether plugin permissions are enforced at all */
    boolean enforced();

    /** {@link #enforcer()}: the JDK's SecurityManager asks Conditional Permission Admin (Java 17 to 23). */
    String ENFORCER_SECURITY_MANAGER = "security-manager";

    /** {@link #enforcer()}: the enforcement agent checks the same permissions at the JDK's entry points (Java 24+). */
    String ENFORCER_AGENT = "agent";

    /** {@link #enforcer()}: nothing enforces plugin permissions. */
    String ENFORCER_NONE = "none";

    /**
     * @return what enforces plugin permissions: {@link #ENFORCER_SECURITY_MANAGER}, {@link #ENFORCER_AGENT}
     *         or {@link #ENFORCER_NONE}
     */
    default String enforcer() {
        return enforced() ? ENFORCER_SECURITY_MANAGER : ENFORCER_NONE;
    }
}
