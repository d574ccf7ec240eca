package org.gcommon.plugin.console.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.gcommon.plugin.api.PluginInfo;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The declared and effective permissions of installed bundles. The declared lines are read from
 * each bundle once per bundle revision (keyed by id and last-modified time): listing a thousand
 * plugins must not open a thousand jar entries on every request.
 */
final class BundlePermissions {

    private record Declared(long lastModified, List<String> lines) {
    }

    private final BundleContext context;
    private final Map<Long, Declared> cache = new ConcurrentHashMap<>();

    BundlePermissions(BundleContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /**
     * @param info a plugin
     * @return its permissions; {@link Permissions#NONE} for an archive that is no (longer a) bundle
     */
    Permissions of(PluginInfo info, org.gcommon.plugin.api.security.PluginPermissions sandbox,
            org.gcommon.plugin.api.security.PluginLimits limits) {
        Permissions permissions = of(info, sandbox);
        if (limits != null && info.bundleId() >= 0) {
            return limits.usage(info.bundleId()).map(permissions::withLimits).orElse(permissions);
        }
        return permissions;
    }

    Permissions of(PluginInfo info, org.gcommon.plugin.api.security.PluginPermissions sandbox) {
        if (info.bundleId() < 0) {
            return Permissions.NONE;
        }
        try {
            return read(info, sandbox);
        } catch (IllegalStateException | NullPointerException e) {
            // Felix answers a bundle's entries so (a NullPointerException from a closed revision) while the bundle is
            // being updated or uninstalled: one bundle changing must not fail the whole listing; the next one shows it
            return Permissions.NONE;
        }
    }

    private Permissions read(PluginInfo info, org.gcommon.plugin.api.security.PluginPermissions sandbox) {
        if (sandbox != null) {
            java.util.Optional<org.gcommon.plugin.api.security.PermissionReport> report = sandbox.report(info.bundleId());
            if (report.isPresent()) {
                return Permissions.of(report.get(), sandbox.enforcement());
            }
        }
        Bundle bundle = context.getBundle(info.bundleId());
        if (bundle == null) {
            return Permissions.NONE;
        }
        return Permissions.of(declared(bundle), securityManagerInstalled());
    }

    /**
     * Forgets bundles that are not listed any more, so that the cache stays as large as the registry.
     *
     * @param listed the plugins listed now
     */
    void retainOnly(Collection<? extends PluginInfo> listed) {
        Set<Long> ids = listed.stream().map(PluginInfo::bundleId).collect(Collectors.toSet());
        cache.keySet().retainAll(ids);
    }

    private List<String> declared(Bundle bundle) {
        long lastModified = bundle.getLastModified();
        Declared cached = cache.get(bundle.getBundleId());
        if (cached != null && cached.lastModified() == lastModified) {
            return cached.lines();
        }
        try {
            List<String> lines = read(bundle);
            cache.put(bundle.getBundleId(), new Declared(lastModified, lines));
            return lines;
        } catch (IOException | IllegalStateException e) {
            // Uninstalled meanwhile or unreadable: the listing of every other plugin matters more
            // than this one entry, which is not cached and so is read again by the next request.
            return List.of();
        }
    }

    private static List<String> read(Bundle bundle) throws IOException {
        URL entry = bundle.getEntry(PermissionsFile.PATH);
        if (entry == null) {
            return List.of();
        }
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(entry.openStream(), StandardCharsets.UTF_8))) {
            return List.copyOf(PermissionsFile.parse(reader));
        }
    }

    @SuppressWarnings("removal") // the SecurityManager is what the sandbox runs on (JDK 17)
    private static boolean securityManagerInstalled() {
        return System.getSecurityManager() != null;
    }
}
