package org.gcommon.plugin.console.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.gcommon.plugin.api.HealthReport;
import org.gcommon.plugin.api.HealthStatus;

/** A plain {@link HealthReport} value. */
record TestReport(HealthStatus.Status status, List<String> runtimeProblems, Map<String, HealthStatus> plugins,
        Instant time) implements HealthReport {

    static TestReport of(HealthStatus.Status status, Map<String, HealthStatus> plugins) {
        return new TestReport(status, List.of(), plugins, Instant.parse("2026-11-25T21:00:01Z"));
    }
}
