package org.gcommon.plugin.api.admin;

import java.time.Instant;
import java.util.Objects;

/**
 * One management or lifecycle event, as listed by {@code GET /api/events}.
 *
 * @param time    when it happened
 * @param plugin  the plugin it concerns (empty for the container itself)
 * @param kind    what happened, e.g. {@code INSTALLED}, {@code STOPPED}, {@code ROLLED_BACK}, {@code GRANTED}
 * @param message a sentence saying it, with the reason where there is one
 */
public record AdminEvent(Instant time, String plugin, String kind, String message) {

    public AdminEvent {
        Objects.requireNonNull(time, "time");
        plugin = plugin == null ? "" : plugin;
        Objects.requireNonNull(kind, "kind");
        message = message == null ? "" : message;
    }
}
