package org.gcommon.plugin.sample.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.PluginException;
import org.gcommon.plugin.api.middleware.Chain;
import org.gcommon.plugin.api.middleware.Exchange;
import org.gcommon.plugin.api.middleware.Middleware;
import org.gcommon.plugin.api.middleware.Request;
import org.gcommon.plugin.testkit.TestPluginContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateLimitPluginTest {

    /** The buckets' clock: stands still unless a test moves it. */
    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
    private final RateLimitPlugin plugin = new RateLimitPlugin(nanos::get);
    private final AtomicInteger handled = new AtomicInteger();
    private final Chain handler = e -> handled.incrementAndGet();

    private Middleware started(Map<String, Object> config) throws PluginException {
        plugin.initialize(config);
        plugin.start(new TestPluginContext(RateLimitPlugin.NAME));
        return plugin.middleware();
    }

    private Exchange send(Middleware middleware, String apiKey) throws Exception {
        Exchange exchange = new Exchange(new Request("GET", "/echo", null, null));
        if (apiKey != null) {
            exchange.request().headers().set("X-Api-Key", apiKey);
        }
        middleware.handle(exchange, handler);
        return exchange;
    }

    private void advanceMillis(long millis) {
        nanos.addAndGet(millis * 1_000_000);
    }

    @Test
    void letsABurstThroughThenAnswers429WithRetryAfterAndAJsonBody() throws Exception {
        Middleware middleware = started(Map.of("rate.per.second", "1", "burst", "3"));
        for (int i = 0; i < 3; i++) {
            assertThat(send(middleware, null).response().status()).isEqualTo(200);
        }

        Exchange refused = send(middleware, null);

        assertThat(handled).hasValue(3);
        assertThat(refused.response().status()).isEqualTo(429);
        assertThat(refused.response().headers().first("Retry-After")).hasValue("1");
        assertThat(refused.response().headers().first("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(new String(refused.response().body(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"error\":\"too many requests\",\"rate_per_second\":1.0,\"burst\":3,\"retry_after_seconds\":1}");
    }

    @Test
    void theDefaultsAllowABurstOf100() throws Exception {
        Middleware middleware = started(Map.of());
        for (int i = 0; i < 100; i++) {
            send(middleware, null);
        }

        assertThat(send(middleware, null).response().status()).isEqualTo(429);
        assertThat(handled).hasValue(100);
    }

    @Test
    void tokensComeBackAtTheConfiguredRate() throws Exception {
        Middleware middleware = started(Map.of("rate.per.second", "2", "burst", "1"));
        send(middleware, null);
        assertThat(send(middleware, null).response().status()).isEqualTo(429);

        advanceMillis(499);
        assertThat(send(middleware, null).response().status()).isEqualTo(429);
        advanceMillis(1);
        assertThat(send(middleware, null).response().status()).isEqualTo(200);
    }

    @Test
    void retryAfterSaysHowManySecondsUntilTheNextToken() throws Exception {
        Middleware middleware = started(Map.of("rate.per.second", "0.25", "burst", "1"));
        send(middleware, null);

        assertThat(send(middleware, null).response().headers().first("Retry-After")).hasValue("4");
        advanceMillis(1_500);
        assertThat(send(middleware, null).response().headers().first("Retry-After")).hasValue("3");
    }

    @Test
    void aBurstNeverGrowsPastItsCapacityWhileIdle() throws Exception {
        Middleware middleware = started(Map.of("rate.per.second", "10", "burst", "2"));
        advanceMillis(60_000);

        for (int i = 0; i < 3; i++) {
            send(middleware, null);
        }

        assertThat(handled).hasValue(2);
    }

    @Test
    void eachClientKeyHasItsOwnBucket() throws Exception {
        Middleware middleware = started(Map.of("rate.per.second", "1", "burst", "1", "key.header", "X-Api-Key"));

        assertThat(send(middleware, "alice").response().status()).isEqualTo(200);
        assertThat(send(middleware, "bob").response().status()).isEqualTo(200);
        assertThat(send(middleware, "alice").response().status()).isEqualTo(429);
        // requests without the header share one bucket
        assertThat(send(middleware, null).response().status()).isEqualTo(200);
        assertThat(send(middleware, null).response().status()).isEqualTo(429);
        assertThat(plugin.health().details()).containsEntry("keys", 3);
    }

    @Test
    void withoutAKeyHeaderEverybodySharesOneBucket() throws Exception {
        Middleware middleware = started(Map.of("rate.per.second", "1", "burst", "1"));

        assertThat(send(middleware, "alice").response().status()).isEqualTo(200);
        assertThat(send(middleware, "bob").response().status()).isEqualTo(429);
        assertThat(plugin.health().details()).doesNotContainKey("keys");
    }

    @Test
    void newKeysPastTheCapShareAnOverflowBucketUntilIdleBucketsAreDropped() throws Exception {
        Middleware middleware = started(Map.of("rate.per.second", "1", "burst", "1", "key.header", "X-Api-Key",
                "max.keys", "2"));
        send(middleware, "k1");
        send(middleware, "k2");

        assertThat(send(middleware, "k3").response().status()).isEqualTo(200);
        assertThat(send(middleware, "k4").response().status()).as("a sprayed key gets no fresh allowance")
                .isEqualTo(429);
        assertThat(plugin.health().details()).containsEntry("keys", 2);

        advanceMillis(1_000); // k1 and k2 are full again: as good as new, so they may go
        assertThat(send(middleware, "k5").response().status()).isEqualTo(200);
        assertThat(send(middleware, "k5").response().status()).isEqualTo(429);
        assertThat(plugin.health().details()).containsEntry("keys", 1);
    }

    @Test
    void concurrentRequestsNeverGetMoreThanTheBurst() throws Exception {
        Middleware middleware = started(Map.of("rate.per.second", "1", "burst", "100"));
        int threads = 8;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                Callable<Integer> client = () -> {
                    go.await();
                    int limited = 0;
                    for (int i = 0; i < perThread; i++) {
                        if (send(middleware, null).response().status() == 429) {
                            limited++;
                        }
                    }
                    return limited;
                };
                results.add(pool.submit(client));
            }
            go.countDown();
            int limited = 0;
            for (Future<Integer> result : results) {
                limited += result.get();
            }

            assertThat(handled).hasValue(100);
            assertThat(limited).isEqualTo(threads * perThread - 100);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void healthCountsAllowedAndLimitedRequests() throws Exception {
        Middleware middleware = started(Map.of("rate.per.second", "5", "burst", "2"));
        for (int i = 0; i < 5; i++) {
            send(middleware, null);
        }

        HealthStatus health = plugin.health();

        assertThat(health.status()).isEqualTo(HealthStatus.Status.HEALTHY);
        assertThat(health.message()).isEqualTo("5 requests/s, burst 2, one bucket for all; 2 allowed, 3 limited");
        assertThat(health.details()).containsEntry("allowed", 2L).containsEntry("limited", 3L);
    }

    @Test
    void aRestartStartsWithFullBucketsAndFreshCounters() throws Exception {
        Middleware middleware = started(Map.of("rate.per.second", "1", "burst", "1"));
        send(middleware, null);
        send(middleware, null);
        plugin.stop(new TestPluginContext(RateLimitPlugin.NAME));

        Middleware again = started(Map.of("rate.per.second", "1", "burst", "1"));

        assertThat(send(again, null).response().status()).isEqualTo(200);
        assertThat(plugin.health().details()).containsEntry("allowed", 1L).containsEntry("limited", 0L);
    }

    @Test
    void acceptsNumbersFromJsonConfiguration() throws Exception {
        Middleware middleware = started(Map.of("rate.per.second", 0.5, "burst", 2));
        send(middleware, null);
        send(middleware, null);

        assertThat(send(middleware, null).response().headers().first("Retry-After")).hasValue("2");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "rate.per.second | fast   | a number greater than 0",
        "rate.per.second | 0      | a number greater than 0",
        "rate.per.second | -3     | a number greater than 0",
        "rate.per.second | NaN    | a number greater than 0",
        "burst           | 1.5    | a whole number from 1",
        "burst           | 0      | a whole number from 1",
        "max.keys        | lots   | a whole number from 1",
        "key.header      | X Key  | a header name",
    })
    void refusesBadValuesNamingKeyValueAndExpectedForm(String key, String value, String expected) {
        Map<String, Object> config = new HashMap<>();
        config.put(key, value);

        assertThatThrownBy(() -> plugin.initialize(config))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("'" + key + "'")
                .hasMessageContaining("'" + value + "'")
                .hasMessageContaining(expected)
                .hasMessageContaining("etc/rate-limit.cfg");
    }
}
