package org.gcommon.sample.cache.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A key-value cache. Entries may disappear at any time (expiry, size bound, restart of the
 * provider): a cache holds copies of data that lives elsewhere. Implementations are thread-safe.
 */
@ProviderType
public interface Cache {

    /**
     * @param key the key, not {@code null}
     * @return the value stored under the key, empty when there is none or it has expired
     */
    Optional<Object> get(String key);

    /**
     * Stores a value, replacing any value under the same key.
     *
     * @param key the key, not {@code null}
     * @param value the value, not {@code null}
     */
    void put(String key, Object value);

    /**
     * @param key the key, not {@code null}
     * @return {@code true} when a value (not yet expired) was removed
     */
    boolean remove(String key);

    /** @return the number of entries that have not expired */
    int size();

    /** Removes every entry. */
    void clear();
}
