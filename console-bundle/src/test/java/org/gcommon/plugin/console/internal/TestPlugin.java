package org.gcommon.plugin.console.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.gcommon.plugin.api.PluginInfo;
import org.gcommon.plugin.api.PluginState;
import org.gcommon.plugin.api.PluginType;

/** A plain {@link PluginInfo} value, as the registry hands them out. */
record TestPlugin(String name, String version, PluginType type, PluginState state, Instant stateSince,
        long bundleId, String symbolicName, String location, Optional<String> lastError, List<String> reasons,
        Optional<String> providerType, int ranking) implements PluginInfo {

    static final Instant SINCE = Instant.parse("2026-11-25T21:00:00Z");

    static TestPlugin active(String name) {
        return new TestPlugin(name, "1.0.0", PluginType.GENERIC, PluginState.ACTIVE, SINCE, 12, "org.example." + name,
                "gcommon:deploy/" + name + ".jar", Optional.empty(), List.of(), Optional.empty(), 0);
    }

    TestPlugin inState(PluginState newState) {
        return new TestPlugin(name, version, type, newState, stateSince, bundleId, symbolicName, location, lastError,
                reasons, providerType, ranking);
    }
}
