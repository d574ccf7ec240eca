package org.gcommon.sample.cache.memory;

/**
 * What a {@link MemoryCache} has done since it was created.
 *
 * @param entries entries that have not expired
 * @param hits reads that found a live value
 * @param misses reads that found nothing or an expired value
 * @param evictions live entries dropped to stay within the size bound
 * @param expirations entries dropped because their time was up
 */
record CacheStats(int entries, long hits, long misses, long evictions, long expirations) {
}
