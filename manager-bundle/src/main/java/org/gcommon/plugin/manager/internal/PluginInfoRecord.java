package org.gcommon.plugin.manager.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.gcommon.plugin.api.PluginInfo;
import org.gcommon.plugin.api.PluginState;
import org.gcommon.plugin.api.PluginType;

/** An immutable {@link PluginInfo} snapshot. */
record PluginInfoRecord(String name, String version, PluginType type, PluginState state, Instant stateSince,
        long bundleId, String symbolicName, String location, Optional<String> lastError, List<String> reasons,
        Optional<String> providerType, int ranking) implements PluginInfo {

    PluginInfoRecord {
        reasons = List.copyOf(reasons);
    }
}
