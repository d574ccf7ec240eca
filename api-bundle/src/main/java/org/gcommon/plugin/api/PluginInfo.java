package org.gcommon.plugin.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A snapshot of what the runtime knows about one plugin, a deployed bundle that is not a plugin, or
 * an archive that was refused. Snapshots do not change; ask the {@link PluginRegistry} again for
 * fresh ones.
 */
@ProviderType
public interface PluginInfo {

    /**
     * @return the plugin's {@link Plugin#name()}; for a bundle that is no plugin its
     *         Bundle-SymbolicName; for an archive without a usable manifest its file name
     */
    String name();

    /** @return the plugin's version, else the bundle version, else an empty string */
    String version();

    /** @return the kind of plugin */
    PluginType type();

    /** @return the current state */
    PluginState state();

    /** @return when the plugin entered {@link #state()} */
    Instant stateSince();

    /** @return the bundle id, or {@code -1} when the archive never became a bundle */
    long bundleId();

    /** @return the Bundle-SymbolicName, or an empty string when there is none */
    String symbolicName();

    /** @return the bundle location, or the archive's path when it never became a bundle */
    String location();

    /** @return the last error (lifecycle failure, resolution error), if any */
    Optional<String> lastError();

    /**
     * @return why the plugin is {@link PluginState#REJECTED}, {@link PluginState#FAILED} or
     *         {@link PluginState#QUARANTINED}, one finding a line; empty otherwise
     */
    List<String> reasons();

    /** @return for a {@link ProviderPlugin}, the name of the provided type */
    Optional<String> providerType();

    /** @return the service ranking of the plugin service, {@code 0} by default */
    int ranking();
}
