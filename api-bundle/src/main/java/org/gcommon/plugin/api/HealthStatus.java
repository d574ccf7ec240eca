package org.gcommon.plugin.api;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A plugin's health at one moment: a status, a message for people, optional details for tools,
 * and when it was taken. Immutable.
 *
 * <pre>
 * return HealthStatus.healthy("42 entries").withDetail("hits", hits).withDetail("misses", misses);
 * </pre>
 */
public final class HealthStatus {

    /** The health levels, from best to worst; {@link #UNKNOWN} when no answer could be had. */
    public enum Status {
        /** Everything works. */
        HEALTHY,
        /** Works with reduced quality (slow remote, fallback in use). */
        DEGRADED,
        /** Does not work. An ACTIVE plugin reporting this makes {@code /health} answer 503. */
        UNHEALTHY,
        /** No answer: not started, or {@link Plugin#health()} threw or timed out. */
        UNKNOWN
    }

    private final Status status;
    private final String message;
    private final Map<String, Object> details;
    private final Instant time;

    private HealthStatus(Status status, String message, Map<String, Object> details, Instant time) {
        this.status = Objects.requireNonNull(status, "status");
        this.message = message == null ? "" : message;
        this.details = details;
        this.time = Objects.requireNonNull(time, "time");
    }

    /**
     * @param status the status
     * @param message a short explanation for people; {@code null} is taken as empty
     * @return a status taken now, without details
     */
    public static HealthStatus of(Status status, String message) {
        return new HealthStatus(status, message, Map.of(), Instant.now());
    }

    /** @param message a short explanation @return a {@link Status#HEALTHY} status taken now */
    public static HealthStatus healthy(String message) {
        return of(Status.HEALTHY, message);
    }

    /** @param message what is reduced @return a {@link Status#DEGRADED} status taken now */
    public static HealthStatus degraded(String message) {
        return of(Status.DEGRADED, message);
    }

    /** @param message what is broken @return an {@link Status#UNHEALTHY} status taken now */
    public static HealthStatus unhealthy(String message) {
        return of(Status.UNHEALTHY, message);
    }

    /** @param message why nothing is known @return an {@link Status#UNKNOWN} status taken now */
    public static HealthStatus unknown(String message) {
        return of(Status.UNKNOWN, message);
    }

    /**
     * @param key detail name, for example {@code hits}
     * @param value detail value; should be a string, number, boolean, list or map so that it can
     *        be shown as JSON
     * @return a copy of this status with the detail added (or replaced)
     */
    public HealthStatus withDetail(String key, Object value) {
        Objects.requireNonNull(key, "key");
        Map<String, Object> copy = new LinkedHashMap<>(details);
        copy.put(key, value);
        return new HealthStatus(status, message, Collections.unmodifiableMap(copy), time);
    }

    /** @return the status, never {@code null} */
    public Status status() {
        return status;
    }

    /** @return the message, never {@code null} */
    public String message() {
        return message;
    }

    /** @return the details, unmodifiable, in insertion order */
    public Map<String, Object> details() {
        return details;
    }

    /** @return when this status was taken */
    public Instant time() {
        return time;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof HealthStatus)) {
            return false;
        }
        HealthStatus other = (HealthStatus) o;
        return status == other.status && message.equals(other.message) && details.equals(other.details)
                && time.equals(other.time);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, message, details, time);
    }

    @Override
    public String toString() {
        return status + (message.isEmpty() ? "" : ": " + message);
    }
}
