package org.gcommon.plugin.manager.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gcommon.plugin.api.PluginConstants;
import org.gcommon.plugin.api.PluginInfo;
import org.gcommon.plugin.api.PluginState;
import org.gcommon.plugin.api.PluginType;
import org.osgi.framework.Bundle;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * Builds the list every user sees: plugin services, bundles deployed as plugins that register no
 * plugin, and archives that were refused. One pass over each source, so listing a thousand plugins
 * stays linear.
 */
final class PluginListing {

    private PluginListing() {
    }

    static List<PluginInfo> build(PluginTable table, Bundle[] bundles, Collection<ArtifactProblem> problems) {
        return build(table, bundles, problems, Map.of());
    }

    /**
     * @param quarantined bundles taken out of service, with the reason
     */
    static List<PluginInfo> build(PluginTable table, Bundle[] bundles, Collection<ArtifactProblem> problems,
            Map<Long, String> quarantined) {
        List<PluginInfo> out = new ArrayList<>();
        Set<Long> bundlesWithPlugins = new HashSet<>();
        for (Map.Entry<String, ManagedPlugin> e : table.listing()) {
            ManagedPlugin p = e.getValue();
            if (p.state() == null) {
                continue; // not yet named: appears once its name() answered
            }
            out.add(p.snapshot(e.getKey()));
            bundlesWithPlugins.add(p.origin.bundleId());
        }
        Map<String, ArtifactProblem> problemByLocation = new HashMap<>();
        for (ArtifactProblem problem : problems) {
            if (problem.bundleId() >= 0) {
                problemByLocation.put(problem.location(), problem);
            } else {
                out.add(new PluginInfoRecord(problem.fileName(), problem.version(), PluginType.UNKNOWN,
                        problem.state(), problem.time(), -1, problem.symbolicName(), problem.location(),
                        problem.reasons().stream().findFirst(), problem.reasons(), Optional.empty(), 0));
            }
        }
        for (Bundle b : bundles) {
            if (bundlesWithPlugins.contains(b.getBundleId())) {
                continue; // listed through its plugins; cheaper to rule out than reading the location
            }
            String location = b.getLocation();
            if (!location.startsWith(PluginConstants.PLUGIN_LOCATION_PREFIX) || b.getState() == Bundle.UNINSTALLED) {
                continue;
            }
            String reason = quarantined.get(b.getBundleId());
            out.add(reason == null || b.getState() == Bundle.ACTIVE ? bundleEntry(b, problemByLocation.get(location))
                    : bundleEntry(b, new ArtifactProblem(fileName(location), location, b.getBundleId(),
                            String.valueOf(b.getSymbolicName()), b.getVersion().toString(), PluginState.QUARANTINED,
                            List.of(reason), Instant.now())));
        }
        out.sort(Comparator.comparing(PluginInfo::name));
        return out;
    }

    private static PluginInfo bundleEntry(Bundle b, ArtifactProblem problem) {
        String bsn = b.getSymbolicName() == null ? "" : b.getSymbolicName();
        String name = bsn.isEmpty() ? fileName(b.getLocation()) : bsn;
        PluginState state = problem != null && b.getState() != Bundle.ACTIVE ? problem.state() : stateOf(b);
        List<String> reasons = problem != null && b.getState() != Bundle.ACTIVE ? problem.reasons() : List.of();
        Instant since = problem != null && b.getState() != Bundle.ACTIVE ? problem.time() : Instant.ofEpochMilli(b.getLastModified());
        return new PluginInfoRecord(name, b.getVersion().toString(), PluginType.BUNDLE, state, since, b.getBundleId(), bsn,
                b.getLocation(), reasons.stream().findFirst(), reasons, Optional.empty(), 0);
    }

    static PluginState stateOf(Bundle b) {
        switch (b.getState()) {
        case Bundle.ACTIVE:
            return PluginState.ACTIVE;
        case Bundle.STARTING:
            return PluginState.STARTING;
        case Bundle.STOPPING:
            return PluginState.STOPPING;
        case Bundle.RESOLVED:
            return stoppedOnPurpose(b) ? PluginState.STOPPED : PluginState.RESOLVED;
        default:
            // after a restart the framework does not resolve a bundle that was stopped: it is still STOPPED
            return stoppedOnPurpose(b) ? PluginState.STOPPED : PluginState.INSTALLED;
        }
    }

    /** @return whether the bundle's autostart setting is off: an operator (or a quarantine) stopped it */
    private static boolean stoppedOnPurpose(Bundle b) {
        BundleStartLevel level = b.adapt(BundleStartLevel.class);
        return level != null && !level.isPersistentlyStarted();
    }

    static String fileName(String location) {
        int slash = location.lastIndexOf('/');
        return slash >= 0 ? location.substring(slash + 1) : location;
    }
}
