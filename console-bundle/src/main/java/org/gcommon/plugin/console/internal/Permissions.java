package org.gcommon.plugin.console.internal;

import java.util.List;
import java.util.Objects;

/**
 * A bundle's permissions as the management API shows them.
 *
 * @param declared the lines of the bundle's {@code OSGI-INF/permissions.perm}, without comments
 * @param effective what the bundle may do now
 */
record Permissions(List<String> declared, List<String> effective) {

    static final String ALL_PERMISSION = "java.security.AllPermission";

    /** For an archive that never became a bundle: no code runs, so nothing is declared or granted. */
    static final Permissions NONE = new Permissions(List.of(), List.of());

    Permissions {
        declared = List.copyOf(declared);
        effective = List.copyOf(effective);
    }

    /**
     * @param declared the declared permission lines
     * @param securityManagerInstalled whether the JVM enforces permissions at all
     * @return without a security manager every bundle can do everything, whatever it declares;
     *         with one, the declared lines (the local permissions bound what the bundle may get)
     */
    static Permissions of(List<String> declared, boolean securityManagerInstalled) {
        Objects.requireNonNull(declared, "declared");
        return new Permissions(declared, securityManagerInstalled ? declared : List.of(ALL_PERMISSION));
    }
}
