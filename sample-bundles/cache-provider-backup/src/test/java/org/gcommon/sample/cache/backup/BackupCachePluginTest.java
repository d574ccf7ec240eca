package org.gcommon.sample.cache.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.PluginException;
import org.gcommon.plugin.testkit.TestPluginContext;
import org.gcommon.sample.cache.api.Cache;
import org.junit.jupiter.api.Test;

class BackupCachePluginTest {

    private final BackupCachePlugin plugin = new BackupCachePlugin();
    private final TestPluginContext context = new TestPluginContext(BackupCachePlugin.NAME);

    private Cache started(Map<String, Object> config) throws PluginException {
        plugin.initialize(config);
        plugin.start(context);
        return plugin.provider();
    }

    @Test
    void providesTheCacheSpiOfTheMemoryCacheSample() throws Exception {
        Cache cache = started(Map.of());
        cache.put("user:42", "Ada");
        cache.put("user:43", "Grace");

        assertThat(plugin.providerType()).isEqualTo(Cache.class);
        assertThat(cache.get("user:42")).hasValue("Ada");
        assertThat(cache.get("user:44")).isEmpty();
        assertThat(cache.remove("user:43")).isTrue();
        assertThat(cache.remove("user:43")).isFalse();
        assertThat(cache.size()).isEqualTo(1);
        cache.clear();
        assertThat(cache.size()).isZero();
    }

    @Test
    void healthCountsHitsAndMisses() throws Exception {
        Cache cache = started(Map.of());
        cache.put("a", 1);
        cache.get("a");
        cache.get("a");
        cache.get("b");

        HealthStatus health = plugin.health();

        assertThat(health.status()).isEqualTo(HealthStatus.Status.HEALTHY);
        assertThat(health.message()).isEqualTo("1 of at most 10000 entries, no expiry");
        assertThat(health.details()).containsEntry("hits", 2L).containsEntry("misses", 1L).containsEntry("entries", 1);
    }

    @Test
    void staysWithinMaxEntriesKeepingTheNewest() throws Exception {
        Cache cache = started(Map.of("max.entries", "3"));
        for (int i = 1; i <= 5; i++) {
            cache.put("k" + i, i);
        }
        cache.put("k5", 55); // replacing a value evicts nothing

        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.get("k5")).hasValue(55);
        assertThat(plugin.health().details()).containsEntry("evictions", 2L);
    }

    @Test
    void isRankedBelowMemoryCacheSoThatMemoryCacheIsPreferred() throws IOException {
        String backup = componentXml("OSGI-INF/org.gcommon.sample.cache.backup.BackupCachePlugin.xml");
        String memory = componentXml("OSGI-INF/org.gcommon.sample.cache.memory.MemoryCachePlugin.xml");

        assertThat(backup).contains("<provide interface=\"org.gcommon.plugin.api.ProviderPlugin\"/>");
        assertThat(ranking(backup)).isEqualTo(-10).isLessThan(ranking(memory));
    }

    @Test
    void startsEmptyAfterARestart() throws Exception {
        started(Map.of()).put("a", 1);
        plugin.stop(context);

        assertThat(started(Map.of()).get("a")).isEmpty();
    }

    @Test
    void hasNoCacheOutsideStartAndStop() throws Exception {
        assertThatThrownBy(plugin::provider).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("backup-cache is not started");
        started(Map.of());
        plugin.stop(context);

        assertThatThrownBy(plugin::provider).isInstanceOf(IllegalStateException.class);
        assertThat(plugin.health().status()).isEqualTo(HealthStatus.Status.UNKNOWN);
    }

    @Test
    void acceptsANumberFromJsonConfiguration() throws Exception {
        started(Map.of("max.entries", 2));

        assertThat(plugin.health().details()).containsEntry("maxEntries", 2);
    }

    @Test
    void refusesABadMaxEntriesNamingKeyValueAndForm() {
        for (String bad : new String[] { "0", "-1", "many", "1.5", "99999999999" }) {
            assertThatThrownBy(() -> plugin.initialize(Map.of("max.entries", bad))).as(bad)
                    .isInstanceOf(PluginException.class)
                    .hasMessageContaining("'max.entries'")
                    .hasMessageContaining("'" + bad + "'")
                    .hasMessageContaining("a whole number of entries from 1 to 2147483647")
                    .hasMessageContaining("etc/backup-cache.cfg");
        }
    }

    /** The component description Declarative Services reads, as bnd wrote it into the bundle. */
    private static String componentXml(String resource) throws IOException {
        try (InputStream in = BackupCachePluginTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int ranking(String componentXml) {
        Matcher m = Pattern.compile("<property name=\"service.ranking\" type=\"Integer\" value=\"(-?\\d+)\"/>")
                .matcher(componentXml);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
