package org.gcommon.sample.cache.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class MemoryCacheTest {

    private final ManualClock clock = new ManualClock();

    private MemoryCache cache(long ttlSeconds, int maxEntries) {
        return new MemoryCache(new CacheSettings(Duration.ofSeconds(ttlSeconds), maxEntries), clock);
    }

    @Test
    void returnsWhatWasPut() {
        MemoryCache cache = cache(60, 10);

        cache.put("a", "alpha");
        cache.put("a", "again");

        assertThat(cache.get("a")).hasValue("again");
        assertThat(cache.get("b")).isEmpty();
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void anEntryExpiresItsTtlAfterItWasWritten() {
        MemoryCache cache = cache(60, 10);
        cache.put("a", "alpha");

        clock.advance(Duration.ofSeconds(59));
        assertThat(cache.get("a")).hasValue("alpha");

        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get("a")).isEmpty();
        assertThat(cache.stats()).isEqualTo(new CacheStats(0, 1, 1, 0, 1));
    }

    @Test
    void readingDoesNotExtendTheLifeOfAnEntryButWritingAgainDoes() {
        MemoryCache cache = cache(60, 10);
        cache.put("read", 1);
        cache.put("rewritten", 2);

        clock.advance(Duration.ofSeconds(30));
        cache.get("read");
        cache.put("rewritten", 3);
        clock.advance(Duration.ofSeconds(30));

        assertThat(cache.get("read")).isEmpty();
        assertThat(cache.get("rewritten")).hasValue(3);
    }

    @Test
    void sizeCountsOnlyLiveEntries() {
        MemoryCache cache = cache(60, 10);
        cache.put("old", 1);
        clock.advance(Duration.ofSeconds(40));
        cache.put("new", 2);
        clock.advance(Duration.ofSeconds(20));

        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.stats().expirations()).isEqualTo(1);
    }

    @Test
    void staysWithinItsSizeDroppingTheLeastRecentlyUsedFirst() {
        MemoryCache cache = cache(60, 3);
        cache.put("a", 1);
        cache.put("b", 2);
        cache.put("c", 3);
        cache.get("a"); // "b" is now the least recently used

        cache.put("d", 4);

        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.get("b")).isEmpty();
        assertThat(cache.get("a")).hasValue(1);
        assertThat(cache.get("c")).hasValue(3);
        assertThat(cache.get("d")).hasValue(4);
        assertThat(cache.stats().evictions()).isEqualTo(1);
    }

    @Test
    void anExpiredEntryDroppedForSpaceCountsAsExpiredNotEvicted() {
        MemoryCache cache = cache(60, 1);
        cache.put("a", 1);
        clock.advance(Duration.ofSeconds(60));

        cache.put("b", 2);

        assertThat(cache.stats()).isEqualTo(new CacheStats(1, 0, 0, 0, 1));
    }

    @Test
    void countsHitsMissesAndEvictions() {
        MemoryCache cache = cache(60, 2);
        cache.put("a", 1);
        cache.put("b", 2);
        cache.put("c", 3);
        cache.get("a");
        cache.get("b");
        cache.get("c");
        cache.get("nothing");

        assertThat(cache.stats()).isEqualTo(new CacheStats(2, 2, 2, 1, 0));
    }

    @Test
    void removeSaysWhetherALiveValueWasRemoved() {
        MemoryCache cache = cache(60, 10);
        cache.put("a", 1);
        cache.put("b", 2);
        clock.advance(Duration.ofSeconds(30));
        cache.put("a", 3);
        clock.advance(Duration.ofSeconds(30));

        assertThat(cache.remove("a")).isTrue();
        assertThat(cache.remove("a")).isFalse();
        assertThat(cache.remove("b")).as("expired").isFalse();
        assertThat(cache.size()).isZero();
    }

    @Test
    void clearEmptiesTheCacheAndKeepsTheCounters() {
        MemoryCache cache = cache(60, 10);
        cache.put("a", 1);
        cache.get("a");

        cache.clear();

        assertThat(cache.get("a")).isEmpty();
        assertThat(cache.stats()).isEqualTo(new CacheStats(0, 1, 1, 0, 0));
    }

    @Test
    void refusesNullKeysAndValues() {
        MemoryCache cache = cache(60, 10);

        assertThatNullPointerException().isThrownBy(() -> cache.put(null, 1)).withMessage("key");
        assertThatNullPointerException().isThrownBy(() -> cache.put("a", null)).withMessage("value");
        assertThatNullPointerException().isThrownBy(() -> cache.get(null)).withMessage("key");
    }
}
