package org.gcommon.plugin.console.internal;

import java.util.List;
import java.util.Objects;

/**
 * A bundle's permissions as the management API shows them.
 *
 * @param declared the lines of the bundle's {@code OSGI-INF/permissions.perm}, without comments
 * @param effective what the bundle may do now
 * @param granted what an administrator granted to the bundle's symbolic name
 * @param denials what the sandbox refused it recently, newest first
 * @param enforcement how permissions are enforced, or why they are not
 * @param limits resource limits and current usage, empty when unknown
 */
record Permissions(List<String> declared, List<String> effective, List<String> granted,
        List<org.gcommon.plugin.api.security.Denial> denials, String enforcement, java.util.Map<String, Object> limits) {

    Permissions(List<String> declared, List<String> effective, List<String> granted,
            List<org.gcommon.plugin.api.security.Denial> denials, String enforcement) {
        this(declared, effective, granted, denials, enforcement, java.util.Map.of());
    }

    /** @return these permissions with the plugin's limits and usage */
    Permissions withLimits(java.util.Map<String, Object> limits) {
        return new Permissions(declared, effective, granted, denials, enforcement, limits);
    }

    static final String ALL_PERMISSION = "java.security.AllPermission";

    /** For an archive that never became a bundle: no code runs, so nothing is declared or granted. */
    static final Permissions NONE = new Permissions(List.of(), List.of(), List.of(), List.of(), "");

    Permissions {
        declared = List.copyOf(declared);
        effective = List.copyOf(effective);
        granted = List.copyOf(granted);
        denials = List.copyOf(denials);
        limits = java.util.Map.copyOf(limits);
    }

    /** @return the sandbox's view of a plugin */
    static Permissions of(org.gcommon.plugin.api.security.PermissionReport report, String enforcement) {
        return new Permissions(report.declared(), report.effective(), report.granted(), report.denials(), enforcement);
    }

    /**
     * @param declared the declared permission lines
     * @param securityManagerInstalled whether the JVM enforces permissions at all
     * @return without a security manager every bundle can do everything, whatever it declares;
     *         with one, the declared lines (the local permissions bound what the bundle may get)
     */
    static Permissions of(List<String> declared, boolean securityManagerInstalled) {
        Objects.requireNonNull(declared, "declared");
        return new Permissions(declared, securityManagerInstalled ? declared : List.of(ALL_PERMISSION), List.of(),
                List.of(), securityManagerInstalled ? "SecurityManager" : "none: no SecurityManager and no sandbox");
    }
}
