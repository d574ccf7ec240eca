package org.gcommon.plugin.console.internal;

import java.util.Objects;

import org.gcommon.plugin.api.HealthStatus;

/**
 * The HTTP status of {@code GET /health}: 503 only when the aggregate is UNHEALTHY, so that a load
 * balancer or orchestrator takes the container out of service only when the runtime itself is
 * unsound or an ACTIVE plugin is broken. DEGRADED and UNKNOWN still serve (200); failed, rejected
 * and quarantined plugins are already kept out of the aggregate by the health report.
 */
final class HealthHttpStatus {

    static final int OK = 200;
    static final int SERVICE_UNAVAILABLE = 503;

    private HealthHttpStatus() {
    }

    /**
     * @param aggregate the report's aggregate status
     * @return 503 for UNHEALTHY, else 200
     */
    static int of(HealthStatus.Status aggregate) {
        Objects.requireNonNull(aggregate, "aggregate");
        return aggregate == HealthStatus.Status.UNHEALTHY ? SERVICE_UNAVAILABLE : OK;
    }
}
