package org.gcommon.plugin.security.sandbox;

import java.security.Permission;
import java.util.List;

import org.osgi.service.permissionadmin.PermissionInfo;

/** Whether a list of encoded permissions implies another one, for showing effective permissions. */
final class PermissionSets {

    private PermissionSets() {
    }

    /**
     * @return {@code true} when some permission of the list implies the given one; permission types that
     *         cannot be loaded here are compared by their encoded text
     */
    static boolean implies(List<String> encoded, String wanted) {
        Permission target = instantiate(wanted);
        for (String candidate : encoded) {
            if (candidate.equals(wanted)) {
                return true;
            }
            Permission p = instantiate(candidate);
            if (p != null && target != null && p.implies(target)) {
                return true;
            }
        }
        return false;
    }

    static Permission instantiate(String encoded) {
        try {
            PermissionInfo info = new PermissionInfo(encoded);
            Class<?> type = Class.forName(info.getType(), false, PermissionSets.class.getClassLoader());
            if (info.getName() == null) {
                return (Permission) type.getConstructor().newInstance();
            }
            if (info.getActions() == null) {
                try {
                    return (Permission) type.getConstructor(String.class).newInstance(info.getName());
                } catch (NoSuchMethodException e) {
                    return (Permission) type.getConstructor(String.class, String.class).newInstance(info.getName(), null);
                }
            }
            return (Permission) type.getConstructor(String.class, String.class).newInstance(info.getName(),
                    info.getActions());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }
}
