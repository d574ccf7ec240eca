package org.gcommon.plugin.api.security;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** One plugin's permissions, in the OSGi encoded form {@code (type "name" "actions")}. */
@ProviderType
public interface PermissionReport {

    /** @return whether the plugin has an {@code OSGI-INF/permissions.perm} */
    boolean declares();

    /** @return the permissions the plugin declares, in file order */
    List<String> declared();

    /** @return the permissions an administrator granted to the plugin's symbolic name */
    List<String> granted();

    /** @return the defaults every plugin gets */
    List<String> defaults();

    /** @return what the plugin may do: the defaults, plus the grants that it also declares */
    List<String> effective();

    /** @return recent denials, newest first */
    List<Denial> denials();
}
