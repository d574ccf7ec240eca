package org.gcommon.plugin.api.admin;

import java.time.Instant;
import java.util.Objects;

/**
 * The last update tried on a plugin, whichever way it came (a jar replaced in {@code deploy/}, an
 * update call): listed as the plugin's {@code lastUpdate} in {@code GET /api/plugins/{name}}.
 *
 * @param version the version that was tried
 * @param outcome {@link AdminResult.Outcome#UPDATED}, {@link AdminResult.Outcome#ROLLED_BACK} or
 *                {@link AdminResult.Outcome#REJECTED}
 * @param reason  why it was rolled back or refused, naming the fix; empty when it was updated
 * @param time    when the outcome was decided
 */
public record LastUpdate(String version, AdminResult.Outcome outcome, String reason, Instant time) {

    public LastUpdate {
        version = version == null ? "" : version;
        Objects.requireNonNull(outcome, "outcome");
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(time, "time");
    }
}
