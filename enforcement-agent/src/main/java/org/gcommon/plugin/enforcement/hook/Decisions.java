package org.gcommon.plugin.enforcement.hook;

import java.security.Permission;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Granted decisions of one installed {@link Checker}, per plugin: a check that was granted once is
 * answered with a hash lookup the next time, without building the permission or asking the checker.
 * File permissions are kept by path text and actions, so a repeated file access builds no
 * {@code FilePermission} (whose constructor parses and normalises the path); two texts naming the same
 * file are two entries, never a wrong answer. Denials are never kept: each is decided, and reported,
 * afresh.
 *
 * <p>The whole object is replaced, not cleared, when the checker says the policy changed
 * ({@link Enforcement#forget(Checker)}): a check that started before the change writes its answer into
 * the object it read at its start, which nobody reads any more.
 */
final class Decisions {

    /** Past this many decisions for one plugin and kind, that plugin's entries start over. */
    static final int MAX_PER_PLUGIN = 20_000;

    final Checker checker;
    private final ConcurrentHashMap<Object, Granted> byPlugin = new ConcurrentHashMap<>();

    Decisions(Checker checker) {
        this.checker = checker;
    }

    /** What one plugin was granted. */
    private static final class Granted {
        final ConcurrentHashMap<Permission, Boolean> permissions = new ConcurrentHashMap<>();
        /** By actions ({@code "read"}, {@code "write"} …), then path text. */
        final ConcurrentHashMap<String, ConcurrentHashMap<String, Boolean>> files = new ConcurrentHashMap<>();
    }

    boolean granted(Object plugin, Permission permission) {
        Granted granted = byPlugin.get(plugin);
        return granted != null && granted.permissions.containsKey(permission);
    }

    boolean grantedFile(Object plugin, String path, String actions) {
        Granted granted = byPlugin.get(plugin);
        if (granted == null) {
            return false;
        }
        ConcurrentHashMap<String, Boolean> paths = granted.files.get(actions);
        return paths != null && paths.containsKey(path);
    }

    void grant(Object plugin, Permission permission) {
        ConcurrentHashMap<Permission, Boolean> permissions = of(plugin).permissions;
        if (permissions.size() >= MAX_PER_PLUGIN) {
            permissions.clear();
        }
        permissions.put(permission, Boolean.TRUE);
    }

    void grantFile(Object plugin, String path, String actions) {
        ConcurrentHashMap<String, Boolean> paths = of(plugin).files.computeIfAbsent(actions, a -> new ConcurrentHashMap<>());
        if (paths.size() >= MAX_PER_PLUGIN) {
            paths.clear();
        }
        paths.put(path, Boolean.TRUE);
    }

    private Granted of(Object plugin) {
        return byPlugin.computeIfAbsent(plugin, p -> new Granted());
    }
}
