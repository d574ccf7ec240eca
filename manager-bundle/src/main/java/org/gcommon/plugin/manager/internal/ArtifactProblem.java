package org.gcommon.plugin.manager.internal;

import java.time.Instant;
import java.util.List;

import org.gcommon.plugin.api.PluginState;

/**
 * An archive of the deploy folder that was refused (REJECTED, never installed: {@code bundleId == -1})
 * or installed but could not be started (FAILED).
 */
record ArtifactProblem(String fileName, String location, long bundleId, String symbolicName, String version,
        PluginState state, List<String> reasons, Instant time) {

    ArtifactProblem {
        reasons = List.copyOf(reasons);
    }
}
