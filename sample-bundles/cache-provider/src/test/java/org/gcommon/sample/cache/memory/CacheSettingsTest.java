package org.gcommon.sample.cache.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.gcommon.plugin.api.PluginException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CacheSettingsTest {

    @Test
    void anEmptyConfigurationTakesTheDefaults() throws Exception {
        assertThat(CacheSettings.from(Map.of())).isEqualTo(new CacheSettings(Duration.ofSeconds(300), 10_000));
    }

    @Test
    void readsStringsFromACfgFile() throws Exception {
        CacheSettings settings = CacheSettings.from(Map.of("ttl.seconds", " 60 ", "max.entries", "500",
                "service.pid", "gcommon.plugin.memory-cache"));

        assertThat(settings).isEqualTo(new CacheSettings(Duration.ofSeconds(60), 500));
    }

    @Test
    void readsNumbersFromAJsonFile() throws Exception {
        CacheSettings settings = CacheSettings.from(Map.of("ttl.seconds", 60L, "max.entries", 500));

        assertThat(settings).isEqualTo(new CacheSettings(Duration.ofSeconds(60), 500));
    }

    @ParameterizedTest
    @ValueSource(strings = { "abc", "", "0", "-5", "1.5", "2147483648", "5m" })
    void aBadTtlIsRefusedNamingKeyValueAndExpectedForm(String value) {
        assertThatThrownBy(() -> CacheSettings.from(Map.of("ttl.seconds", value)))
                .isInstanceOf(PluginException.class)
                .hasMessage("memory-cache: configuration key 'ttl.seconds' has the value '" + value + "'; expected a "
                        + "whole number of seconds from 1 to 2147483647, for example ttl.seconds = 300 in "
                        + "etc/memory-cache.cfg");
    }

    @Test
    void aBadMaxEntriesIsRefusedNamingKeyValueAndExpectedForm() {
        assertThatThrownBy(() -> CacheSettings.from(Map.of("max.entries", true)))
                .isInstanceOf(PluginException.class)
                .hasMessage("memory-cache: configuration key 'max.entries' has the value 'true'; expected a "
                        + "whole number of entries from 1 to 2147483647, for example max.entries = 10000 in "
                        + "etc/memory-cache.cfg");
    }
}
