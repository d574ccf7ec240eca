package org.gcommon.plugin.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.gcommon.plugin.api.HealthStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HealthHttpStatusTest {

    @Test
    void unhealthyIsServiceUnavailable() {
        assertThat(HealthHttpStatus.of(HealthStatus.Status.UNHEALTHY)).isEqualTo(503);
    }

    @ParameterizedTest
    @EnumSource(value = HealthStatus.Status.class, names = "UNHEALTHY", mode = EnumSource.Mode.EXCLUDE)
    void everythingElseStillServes(HealthStatus.Status aggregate) {
        assertThat(HealthHttpStatus.of(aggregate)).isEqualTo(200);
    }
}
