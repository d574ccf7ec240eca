package org.gcommon.sample.cache.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.PluginException;
import org.gcommon.plugin.testkit.TestPluginContext;
import org.gcommon.sample.cache.api.Cache;
import org.junit.jupiter.api.Test;

class MemoryCachePluginTest {

    private final ManualClock clock = new ManualClock();
    private final MemoryCachePlugin plugin = new MemoryCachePlugin(clock);
    private final TestPluginContext context = new TestPluginContext(MemoryCachePlugin.NAME);

    @Test
    void isTheMemoryCacheProviderOfCache() {
        assertThat(plugin.name()).isEqualTo("memory-cache");
        assertThat(plugin.version()).isEqualTo("1.0.0");
        assertThat(plugin.providerType()).isEqualTo(Cache.class);
    }

    @Test
    void servesACacheConfiguredByInitialize() throws Exception {
        plugin.initialize(Map.of("ttl.seconds", "10", "max.entries", "2"));
        plugin.start(context);
        Cache cache = plugin.provider();

        cache.put("a", 1);
        cache.put("b", 2);
        cache.put("c", 3);
        clock.advance(Duration.ofSeconds(10));

        assertThat(cache.get("c")).isEmpty();
        assertThat(plugin.health().details()).containsEntry("maxEntries", 2).containsEntry("ttlSeconds", 10L);
    }

    @Test
    void reportsEntriesAndCountersInItsHealth() throws Exception {
        plugin.initialize(Map.of("max.entries", "1"));
        plugin.start(context);
        Cache cache = plugin.provider();
        cache.put("a", 1);
        cache.put("b", 2);
        cache.get("b");
        cache.get("a");

        HealthStatus health = plugin.health();

        assertThat(health.status()).isEqualTo(HealthStatus.Status.HEALTHY);
        assertThat(health.message()).isEqualTo("1 of at most 1 entries");
        assertThat(health.details()).containsEntry("entries", 1).containsEntry("hits", 1L)
                .containsEntry("misses", 1L).containsEntry("evictions", 1L).containsEntry("expirations", 0L);
    }

    @Test
    void isUnknownAndHasNoProviderWhenNotStarted() throws Exception {
        assertThat(plugin.health().status()).isEqualTo(HealthStatus.Status.UNKNOWN);
        assertThatIllegalStateException().isThrownBy(plugin::provider).withMessageContaining("memory-cache is not started");

        plugin.initialize(Map.of());
        plugin.start(context);
        plugin.stop(context);

        assertThat(plugin.health().status()).isEqualTo(HealthStatus.Status.UNKNOWN);
        assertThatIllegalStateException().isThrownBy(plugin::provider);
    }

    @Test
    void aRestartBeginsEmpty() throws Exception {
        plugin.initialize(Map.of());
        plugin.start(context);
        plugin.provider().put("a", 1);

        plugin.stop(context);
        plugin.initialize(Map.of("ttl.seconds", "60"));
        plugin.start(context);

        assertThat(plugin.provider().get("a")).isEmpty();
    }

    @Test
    void refusesABadConfigurationBeforeStarting() {
        assertThatThrownBy(() -> plugin.initialize(Map.of("max.entries", "lots")))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("'max.entries'").hasMessageContaining("'lots'");
    }

    @Test
    void logsItsSettingsWhenItStarts() throws Exception {
        plugin.initialize(Map.of("ttl.seconds", "60", "max.entries", "100"));
        plugin.start(context);

        assertThat(context.logLines()).containsExactly("INFO memory-cache serves a cache of at most 100 entries, entries live 60 s");
    }
}
