package org.gcommon.sample.cache.memory;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.gcommon.sample.cache.api.Cache;

/**
 * An in-memory {@link Cache} with expiry after write and a size bound that drops the least
 * recently used entry first. One lock guards the map and the counters: the operations are short,
 * and a read reorders the map (access order), so a read-write lock would not help.
 */
final class MemoryCache implements Cache {

    private record Entry(Object value, Instant expiresAt) {
    }

    private final CacheSettings settings;
    private final Duration ttl;
    private final int maxEntries;
    private final InstantSource clock;
    // access order: iteration starts with the least recently used entry
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

    private long hits;
    private long misses;
    private long evictions;
    private long expirations;

    MemoryCache(CacheSettings settings, InstantSource clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ttl = settings.ttl();
        this.maxEntries = settings.maxEntries();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized Optional<Object> get(String key) {
        Objects.requireNonNull(key, "key");
        Entry entry = entries.get(key);
        if (entry != null && isExpired(entry, clock.instant())) {
            entries.remove(key);
            expirations++;
            entry = null;
        }
        if (entry == null) {
            misses++;
            return Optional.empty();
        }
        hits++;
        return Optional.of(entry.value());
    }

    @Override
    public synchronized void put(String key, Object value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Instant now = clock.instant();
        entries.put(key, new Entry(value, now.plus(ttl)));
        // Dropping the least recently used entry keeps a put O(1); expired entries elsewhere in
        // the map are dropped when read or counted.
        Iterator<Entry> eldest = entries.values().iterator();
        while (entries.size() > maxEntries) {
            Entry dropped = eldest.next();
            eldest.remove();
            if (isExpired(dropped, now)) {
                expirations++;
            } else {
                evictions++;
            }
        }
    }

    @Override
    public synchronized boolean remove(String key) {
        Objects.requireNonNull(key, "key");
        Entry removed = entries.remove(key);
        if (removed == null) {
            return false;
        }
        if (isExpired(removed, clock.instant())) {
            expirations++;
            return false;
        }
        return true;
    }

    /** Drops expired entries first, so the count is of live entries: linear in the size. */
    @Override
    public synchronized int size() {
        dropExpired(clock.instant());
        return entries.size();
    }

    @Override
    public synchronized void clear() {
        entries.clear();
    }

    /** @return the settings this cache was made with */
    CacheSettings settings() {
        return settings;
    }

    /** @return the counters and the number of live entries */
    synchronized CacheStats stats() {
        int live = size();
        return new CacheStats(live, hits, misses, evictions, expirations);
    }

    private void dropExpired(Instant now) {
        for (Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator(); it.hasNext();) {
            if (isExpired(it.next().getValue(), now)) {
                it.remove();
                expirations++;
            }
        }
    }

    private static boolean isExpired(Entry entry, Instant now) {
        return !now.isBefore(entry.expiresAt());
    }
}
