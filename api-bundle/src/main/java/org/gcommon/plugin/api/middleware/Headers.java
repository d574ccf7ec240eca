package org.gcommon.plugin.api.middleware;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** Header fields with case-insensitive names, each with one or more values, in the order set. Not thread-safe. */
public final class Headers {

    private final Map<String, List<String>> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    /**
     * @param name a header name
     * @return its first value, if present
     */
    public Optional<String> first(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * @param name a header name
     * @return its values, unmodifiable, empty if absent
     */
    public List<String> all(String name) {
        List<String> values = fields.get(name);
        return values == null ? List.of() : Collections.unmodifiableList(values);
    }

    /**
     * Replaces the values of a header.
     *
     * @param name the name
     * @param value the only value
     * @return this
     */
    public Headers set(String name, String value) {
        List<String> values = new ArrayList<>(1);
        values.add(Objects.requireNonNull(value, "value"));
        fields.put(Objects.requireNonNull(name, "name"), values);
        return this;
    }

    /**
     * Adds a value to a header.
     *
     * @param name the name
     * @param value one more value
     * @return this
     */
    public Headers add(String name, String value) {
        fields.computeIfAbsent(Objects.requireNonNull(name, "name"), n -> new ArrayList<>(1))
                .add(Objects.requireNonNull(value, "value"));
        return this;
    }

    /** @param name the header to remove @return this */
    public Headers remove(String name) {
        fields.remove(name);
        return this;
    }

    /** @return every header name, in case-insensitive order */
    public List<String> names() {
        return List.copyOf(fields.keySet());
    }

    /** @param name a header name @return whether it is present */
    public boolean contains(String name) {
        return fields.containsKey(name);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> sb.append(k.toLowerCase(Locale.ROOT)).append('=').append(v).append(' '));
        return sb.toString().trim();
    }
}
