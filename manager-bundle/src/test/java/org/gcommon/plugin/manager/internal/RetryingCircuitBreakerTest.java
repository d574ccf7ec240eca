package org.gcommon.plugin.manager.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.gcommon.plugin.api.integration.CircuitBreaker;
import org.gcommon.plugin.api.integration.OpenCircuitException;
import org.gcommon.plugin.api.integration.Resilience;
import org.junit.jupiter.api.Test;

class RetryingCircuitBreakerTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final List<Duration> waits = new ArrayList<>();
    private final RetryingCircuitBreaker breaker = new RetryingCircuitBreaker("remote",
            new Resilience.Settings(3, Duration.ofMillis(100), Duration.ofMillis(250), 2, Duration.ofSeconds(30)), clock,
            waits::add);

    @Test
    void retriesWithDoublingBackoffCappedAtTheMaximum() throws Exception {
        AtomicInteger attempts = new AtomicInteger();

        String result = breaker.call(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IOException("connection refused");
            }
            return "ok";
        });

        assertThat(result).isEqualTo("ok");
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void opensAfterTheThresholdFailsFastThenTrialCloses() throws Exception {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> breaker.call(() -> {
                throw new IOException("down");
            })).isInstanceOf(IOException.class);
        }
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> breaker.call(calls::incrementAndGet)).isInstanceOf(OpenCircuitException.class)
                .hasMessageContaining("'remote' is open");
        assertThat(calls).hasValue(0);

        clock.now = clock.now.plusSeconds(31);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(breaker.call(() -> "back")).isEqualTo("back");
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.failures()).isZero();
    }

    @Test
    void failedTrialReopens() throws Exception {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> breaker.call(() -> {
                throw new IOException("down");
            }));
        }
        clock.now = clock.now.plusSeconds(31);
        waits.clear();

        assertThatThrownBy(() -> breaker.call(() -> {
            throw new IOException("still down");
        })).hasMessage("still down");

        assertThat(waits).as("a trial call is not retried").isEmpty();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.retryIn()).isEqualTo(Duration.ofSeconds(30));
    }
}
