package org.gcommon.plugin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HealthStatusTest {

    @Test
    void detailsAreAddedToACopyInOrder() {
        HealthStatus base = HealthStatus.healthy("ok");
        HealthStatus detailed = base.withDetail("hits", 3).withDetail("misses", 1);

        assertThat(base.details()).isEmpty();
        assertThat(detailed.details()).containsExactly(org.assertj.core.api.Assertions.entry("hits", 3),
                org.assertj.core.api.Assertions.entry("misses", 1));
        assertThat(detailed.status()).isEqualTo(HealthStatus.Status.HEALTHY);
        assertThat(detailed.time()).isEqualTo(base.time());
    }

    @Test
    void nullMessageBecomesEmpty() {
        assertThat(HealthStatus.unknown(null).message()).isEmpty();
        assertThat(HealthStatus.unhealthy("down").toString()).isEqualTo("UNHEALTHY: down");
    }

    @Test
    void pluginNamesAreSafeForUrlsAndFiles() {
        assertThat(PluginNames.isValid("memory-cache")).isTrue();
        assertThat(PluginNames.isValid("com.acme.cache_2")).isTrue();
        assertThat(PluginNames.isValid("../etc")).isFalse();
        assertThat(PluginNames.isValid("a..b")).isFalse();
        assertThat(PluginNames.isValid("Upper")).isFalse();
        assertThat(PluginNames.isValid("")).isFalse();
        assertThatThrownBy(() -> PluginNames.requireValid("a/b")).hasMessageContaining("'a/b'")
                .hasMessageContaining("lower case letters");
    }

    @Test
    void containedStatesAreFailedRejectedAndQuarantined() {
        assertThat(PluginState.values()).filteredOn(PluginState::isContained)
                .containsExactly(PluginState.FAILED, PluginState.REJECTED, PluginState.QUARANTINED);
    }
}
