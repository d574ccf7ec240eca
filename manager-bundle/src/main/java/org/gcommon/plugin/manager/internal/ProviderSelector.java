package org.gcommon.plugin.manager.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.gcommon.plugin.api.PluginState;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/** Picks the best active provider of a type: highest service ranking, then highest plugin version. */
final class ProviderSelector {

    static final Comparator<ManagedPlugin> PREFERENCE = Comparator
            .comparingInt((ManagedPlugin p) -> p.origin.ranking())
            .thenComparing(p -> Version.parseVersion(p.version()))
            // Stable among equals: the older registration wins, as with OSGi service ranking.
            .thenComparing(p -> -p.origin.serviceId());

    private ProviderSelector() {
    }

    /**
     * @param candidates registered plugins
     * @param type the provided type asked for
     * @param range a version range, or {@code null} for any version
     * @return the preferred active provider of the type
     */
    static Optional<ManagedPlugin> best(Collection<ManagedPlugin> candidates, Class<?> type, VersionRange range) {
        return best(candidates, type, range, p -> false);
    }

    /**
     * As {@link #best(Collection, Class, VersionRange)}, passing over providers known to be
     * unhealthy while a healthy (or not yet asked) one exists.
     */
    static Optional<ManagedPlugin> best(Collection<ManagedPlugin> candidates, Class<?> type, VersionRange range,
            Predicate<ManagedPlugin> unhealthy) {
        List<ManagedPlugin> eligible = candidates.stream()
                .filter(p -> p.state() == PluginState.ACTIVE && !p.withdrawn() && p.providerType() == type)
                .filter(p -> range == null || range.includes(Version.parseVersion(p.version())))
                .toList();
        Optional<ManagedPlugin> healthy = eligible.stream().filter(unhealthy.negate()).max(PREFERENCE);
        return healthy.isPresent() ? healthy : eligible.stream().max(PREFERENCE);
    }

    /**
     * @param range an OSGi version range, or a plain version meaning "this version or newer"
     * @return the parsed range
     * @throws IllegalArgumentException naming the value and the expected form
     */
    static VersionRange parseRange(String range) {
        try {
            return VersionRange.valueOf(range.trim());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("Invalid version range '" + range + "': use an OSGi range such as "
                    + "[1.0,2.0) or a version such as 1.2 (meaning 1.2 or newer)", e);
        }
    }
}
