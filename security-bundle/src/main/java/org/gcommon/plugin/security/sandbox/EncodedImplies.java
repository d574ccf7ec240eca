package org.gcommon.plugin.security.sandbox;

import java.security.Permission;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.permissionadmin.PermissionInfo;

/**
 * Whether permissions written in the OSGi encoded form imply a requested one, as Conditional Permission
 * Admin decides it: a row's permission is made from its type name with the class of the requested
 * permission (so OSGi and service types this bundle does not import are understood), and asked
 * {@code implies}. {@code AllPermission} implies everything.
 */
final class EncodedImplies {

    private static final String ALL = "java.security.AllPermission";

    /** Permissions made from their encoded form, by text and the requested permission's class. */
    private final Map<Map.Entry<String, Class<?>>, Permission> made = new ConcurrentHashMap<>();
    /** Parsed rows, by their text; an unparsable row maps to a marker and implies nothing. */
    private final Map<String, Object> parsed = new ConcurrentHashMap<>();
    private static final Object UNPARSABLE = new Object();

    boolean implies(List<String> encoded, Permission wanted) {
        String type = wanted.getClass().getName();
        for (String candidate : encoded) {
            Object known = parsed.computeIfAbsent(candidate, c -> {
                PermissionInfo p = parse(c);
                return p == null ? UNPARSABLE : p;
            });
            if (known == UNPARSABLE) {
                continue;
            }
            PermissionInfo info = (PermissionInfo) known;
            if (ALL.equals(info.getType())) {
                return true;
            }
            if (!info.getType().equals(type)) {
                continue;
            }
            Permission granted = made.computeIfAbsent(Map.entry(candidate, wanted.getClass()), k -> make(info, wanted.getClass()));
            if (granted != null && granted.implies(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static PermissionInfo parse(String encoded) {
        try {
            return new PermissionInfo(encoded);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** @return the permission, or {@code null} when the type has no usable constructor (it then implies nothing) */
    private static Permission make(PermissionInfo info, Class<?> type) {
        try {
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
            return (Permission) type.getConstructor(String.class, String.class).newInstance(info.getName(), info.getActions());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }
}
