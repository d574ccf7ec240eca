package org.gcommon.plugin.security.sandbox;

import java.security.Permission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.gcommon.plugin.api.security.Denial;
import org.gcommon.plugin.api.security.PluginPermissions;
import org.osgi.service.permissionadmin.PermissionInfo;

/**
 * Every permission the sandbox refused a plugin: counted, kept per plugin (the most recent few), and
 * logged once per plugin and permission so that a plugin retrying in a loop cannot flood the log.
 */
final class DenialLog {

    static final int KEPT_PER_PLUGIN = 20;

    /** Who was denied: enough to name the plugin and write the fix. */
    record Subject(long bundleId, String symbolicName, String version, boolean declares) {
    }

    private record Key(long bundleId, String permission) {
    }

    private static final class Entry implements Denial {
        private final String permission;
        private final String fix;
        private volatile Instant lastTime;
        private volatile long count;

        Entry(String permission, String fix) {
            this.permission = permission;
            this.fix = fix;
        }

        @Override
        public String permission() {
            return permission;
        }

        @Override
        public Instant lastTime() {
            return lastTime;
        }

        @Override
        public long count() {
            return count;
        }

        @Override
        public String fix() {
            return fix;
        }
    }

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final Consumer<String> firstTimeLog;

    DenialLog(Consumer<String> firstTimeLog) {
        this.firstTimeLog = firstTimeLog;
    }

    /**
     * @return the message of the SecurityException to throw: plugin, permission and fix
     */
    String record(Subject subject, Permission permission, String callSite) {
        String encoded = encode(permission);
        String fix = fix(subject, encoded);
        String message = "Plugin " + subject.symbolicName() + " " + subject.version() + " was denied " + encoded
                + (callSite == null ? "" : " at " + callSite) + ". " + fix;
        Key key = new Key(subject.bundleId(), encoded);
        boolean[] first = new boolean[1];
        Entry entry = entries.computeIfAbsent(key, k -> {
            first[0] = true;
            return new Entry(encoded, fix);
        });
        synchronized (entry) {
            entry.count++;
            entry.lastTime = Instant.now();
        }
        if (first[0]) {
            trim(subject.bundleId());
            firstTimeLog.accept(message);
        }
        return message;
    }

    static String encode(Permission permission) {
        String actions = permission.getActions();
        return new PermissionInfo(permission.getClass().getName(), permission.getName(),
                actions == null || actions.isEmpty() ? null : actions).getEncoded();
    }

    static String fix(Subject subject, String encoded) {
        String grant = "To allow it, add to " + PluginPermissions.GRANTS_FILE + ": " + subject.symbolicName() + " = "
                + encoded;
        return subject.declares() ? grant + " (and keep it in the plugin's OSGI-INF/permissions.perm)"
                : grant + " — and the plugin must declare the same line in its OSGI-INF/permissions.perm";
    }

    /** @return the plugin's recent denials, newest first */
    List<Denial> recent(long bundleId) {
        List<Denial> out = new ArrayList<>();
        entries.forEach((k, v) -> {
            if (k.bundleId() == bundleId) {
                out.add(v);
            }
        });
        out.sort(Comparator.comparing(Denial::lastTime).reversed());
        return out;
    }

    /** Forgets an uninstalled plugin. */
    void forget(long bundleId) {
        entries.keySet().removeIf(k -> k.bundleId() == bundleId);
    }

    private void trim(long bundleId) {
        List<Denial> recent = recent(bundleId);
        for (int i = KEPT_PER_PLUGIN; i < recent.size(); i++) {
            entries.remove(new Key(bundleId, recent.get(i).permission()));
        }
    }
}
