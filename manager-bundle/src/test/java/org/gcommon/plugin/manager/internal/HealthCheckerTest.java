package org.gcommon.plugin.manager.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.gcommon.plugin.api.HealthStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthCheckerTest {

    private final ExecutorService pool = DaemonThreads.elasticPool("health-test-");
    private volatile Settings settings = new Settings(Duration.ofSeconds(10), Duration.ofMillis(300), Duration.ZERO);
    private final HealthChecker checker = new HealthChecker(pool, () -> settings, Clock.systemUTC());

    @AfterEach
    void shutdown() {
        pool.shutdownNow();
    }

    @Test
    void hangingHealthIsUnknownWithTimeoutWhileOthersAnswer() {
        TestPlugins.Scripted hung = new TestPlugins.Scripted("hung", "1.0.0");
        hung.hangIn = "health";
        TestPlugins.Scripted fine = new TestPlugins.Scripted("fine", "1.0.0");

        long start = System.nanoTime();
        Map<String, HealthStatus> result = checker.check(List.of(new HealthChecker.Target("hung", hung),
                new HealthChecker.Target("fine", fine)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.get("hung").status()).isEqualTo(HealthStatus.Status.UNKNOWN);
        assertThat(result.get("hung").message()).contains("did not answer within 300 ms");
        assertThat(result.get("fine").status()).isEqualTo(HealthStatus.Status.HEALTHY);
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        hung.release.countDown();
    }

    @Test
    void aHungPluginIsAskedOnceAndItsLateAnswerIsUsed() {
        TestPlugins.Scripted slow = new TestPlugins.Scripted("slow", "1.0.0") {
            final AtomicInteger asked = new AtomicInteger();

            @Override
            public HealthStatus health() {
                if (asked.incrementAndGet() > 1) {
                    throw new AssertionError("asked twice while the first call was pending");
                }
                return super.health();
            }
        };
        slow.hangIn = "health";
        HealthChecker.Target target = new HealthChecker.Target("slow", slow);
        assertThat(checker.check(List.of(target)).get("slow").status()).isEqualTo(HealthStatus.Status.UNKNOWN);
        assertThat(checker.check(List.of(target)).get("slow").status()).isEqualTo(HealthStatus.Status.UNKNOWN);

        slow.hangIn = "";
        slow.release.countDown();
        settings = new Settings(Duration.ofSeconds(10), Duration.ofMillis(300), Duration.ofMinutes(1));
        await().untilAsserted(() -> assertThat(checker.check(List.of(target)).get("slow").status())
                .isEqualTo(HealthStatus.Status.HEALTHY));
    }

    @Test
    void throwingOrNullHealthIsUnknownWithTheReason() {
        TestPlugins.Scripted throwing = new TestPlugins.Scripted("boom", "1.0.0");
        throwing.throwIn = "health";
        TestPlugins.Scripted nothing = new TestPlugins.Scripted("nothing", "1.0.0");
        nothing.health = null;

        Map<String, HealthStatus> result = checker.check(List.of(new HealthChecker.Target("boom", throwing),
                new HealthChecker.Target("nothing", nothing)));

        assertThat(result.get("boom").message()).contains("threw").contains("health exploded");
        assertThat(result.get("nothing").message()).contains("returned null");
    }

    @Test
    void answersAreCachedForTheConfiguredTime() {
        settings = new Settings(Duration.ofSeconds(10), Duration.ofMillis(300), Duration.ofMinutes(1));
        TestPlugins.Scripted plugin = new TestPlugins.Scripted("cached", "1.0.0");
        HealthChecker.Target target = new HealthChecker.Target("cached", plugin);
        assertThat(checker.check(List.of(target)).get("cached").message()).isEqualTo("fine");

        plugin.health = HealthStatus.unhealthy("broken");

        assertThat(checker.check(List.of(target)).get("cached").message()).isEqualTo("fine");
        checker.forget(plugin);
        assertThat(checker.check(List.of(target)).get("cached").message()).isEqualTo("broken");
    }
}
