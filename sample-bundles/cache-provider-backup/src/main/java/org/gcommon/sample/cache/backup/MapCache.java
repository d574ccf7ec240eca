package org.gcommon.sample.cache.backup;

import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.gcommon.sample.cache.api.Cache;

/**
 * The simplest cache that is still safe to run: a {@link ConcurrentHashMap} without expiry. It is
 * bounded all the same, since callers put whatever they like: past {@code maxEntries} a write of a new
 * key drops some other entry (whichever the map yields first, not the least recently used one).
 */
final class MapCache implements Cache {

    private final int maxEntries;
    private final ConcurrentHashMap<String, Object> entries = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder evictions = new LongAdder();

    MapCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    @Override
    public Optional<Object> get(String key) {
        Object value = entries.get(Objects.requireNonNull(key, "key"));
        (value == null ? misses : hits).increment();
        return Optional.ofNullable(value);
    }

    @Override
    public void put(String key, Object value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (entries.put(key, value) == null) {
            // Under concurrent writes the bound may be passed by a few entries for a moment; it is a
            // memory guard, not an exact limit.
            Iterator<String> others = entries.keySet().iterator();
            while (entries.size() > maxEntries && others.hasNext()) {
                String other = others.next();
                if (!other.equals(key) && entries.remove(other) != null) {
                    evictions.increment();
                }
            }
        }
    }

    @Override
    public boolean remove(String key) {
        return entries.remove(Objects.requireNonNull(key, "key")) != null;
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public void clear() {
        entries.clear();
    }

    long hits() {
        return hits.sum();
    }

    long misses() {
        return misses.sum();
    }

    long evictions() {
        return evictions.sum();
    }

    int maxEntries() {
        return maxEntries;
    }
}
