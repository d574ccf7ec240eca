package org.gcommon.plugin.sample.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.HealthStatus.Status;
import org.gcommon.plugin.api.PluginException;
import org.gcommon.plugin.testkit.PluginHarness;
import org.gcommon.plugin.testkit.TestPluginContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookPluginTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @RegisterExtension
    final PluginHarness harness = new PluginHarness();

    private final WebhookReceiver remote = new WebhookReceiver();
    /** The runtime's own Resilience service: the real retry and circuit breaker. */
    private final WebhookPlugin plugin = new WebhookPlugin(harness.resilience());
    private final TestEvents events = new TestEvents();
    private final TestPluginContext context = new TestPluginContext(WebhookPlugin.NAME).withEvents(events);

    @AfterEach
    void stopEverything() throws Exception {
        plugin.stop(context);
        remote.close();
    }

    private void start(String... keysAndValues) throws PluginException {
        Map<String, Object> config = new HashMap<>();
        config.put("url", remote.url());
        // quick retries so that the tests need not wait for the production defaults
        config.put("retry.backoff.ms", "10");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        plugin.initialize(config);
        plugin.start(context);
    }

    private Object detail(String name) {
        return plugin.health().details().get(name);
    }

    @Test
    void postsEachStateChangeAsJsonAndAnnouncesTheDelivery() throws Exception {
        start();

        events.stateChange("memory-cache", "STARTING", "ACTIVE", null);

        await().atMost(PATIENCE).until(() -> remote.accepted.size() == 1);
        assertThat(remote.accepted.get(0)).isEqualTo("{\"plugin\":\"memory-cache\",\"state\":\"ACTIVE\","
                + "\"from\":\"STARTING\",\"reason\":null,\"time\":\"2026-11-25T21:00:00Z\","
                + "\"topic\":\"org/gcommon/plugin/STATE/ACTIVE\"}");
        assertThat(remote.contentTypes).containsExactly("application/json");
        await().atMost(PATIENCE).until(() -> !events.published.isEmpty());
        assertThat(events.published).containsExactly(new TestEvents.Published("gcommon/plugin/webhook/delivered",
                Map.of("plugin", "memory-cache", "state", "ACTIVE", "topic", "org/gcommon/plugin/STATE/ACTIVE",
                        "status", 200, "url", remote.url())));
        HealthStatus health = plugin.health();
        assertThat(health.status()).isEqualTo(Status.HEALTHY);
        assertThat(health.message()).isEqualTo("Webhook " + remote.url() + ": last delivery succeeded");
        assertThat(health.details()).containsEntry("delivered", 1L).containsEntry("failed", 0L)
                .containsEntry("dropped", 0L).containsEntry("breaker", "CLOSED");
    }

    @Test
    void isHealthyWhileThereIsNothingToSend() throws Exception {
        start();

        assertThat(plugin.health().status()).isEqualTo(Status.HEALTHY);
        assertThat(plugin.health().message()).isEqualTo("Webhook " + remote.url() + ": nothing to send yet");
        assertThat(plugin.endpoint()).isEqualTo(remote.url());
    }

    @Test
    void healthAndBreakerFollowTheRemoteGoingDownAndComingBack() throws Exception {
        start("retry.attempts", "2", "breaker.failures", "2", "breaker.open.ms", "300");
        events.stateChange("memory-cache", "STARTING", "ACTIVE", null);
        // delivered means the answer came back too: the remote recording the body is not enough
        await().atMost(PATIENCE).until(() -> Long.valueOf(1).equals(detail("delivered")));

        remote.goDown();
        events.stateChange("memory-cache", "ACTIVE", "FAILED", "disk \"full\"\nretry later");

        await().atMost(PATIENCE).untilAsserted(() -> {
            HealthStatus health = plugin.health();
            assertThat(health.status()).isEqualTo(Status.UNHEALTHY);
            assertThat(health.message()).contains(remote.url()).contains("circuit breaker").contains("last error: ");
            assertThat(health.details().get("breaker")).isIn("OPEN", "HALF_OPEN");
        });
        assertThat((Long) detail("failed")).isGreaterThanOrEqualTo(4);

        remote.comeBack();

        await().atMost(PATIENCE).untilAsserted(() -> {
            HealthStatus health = plugin.health();
            assertThat(health.status()).isEqualTo(Status.HEALTHY);
            assertThat(health.details()).containsEntry("breaker", "CLOSED").containsEntry("delivered", 2L);
        });
        // the event of the outage was kept, not lost
        assertThat(remote.accepted.get(1)).isEqualTo("{\"plugin\":\"memory-cache\",\"state\":\"FAILED\","
                + "\"from\":\"ACTIVE\",\"reason\":\"disk \\\"full\\\"\\nretry later\",\"time\":\"2026-11-25T21:00:00Z\","
                + "\"topic\":\"org/gcommon/plugin/STATE/FAILED\"}");
        assertThat(context.logLines()).anyMatch(l -> l.startsWith("WARN Webhook " + remote.url() + " failed"))
                .contains("INFO Webhook " + remote.url() + " answers again");
    }

    @Test
    void isDegradedWhileRetryingAndHealthyOnceDelivered() throws Exception {
        remote.answer = 503;
        start("breaker.failures", "1000");

        events.stateChange("memory-cache", "STARTING", "ACTIVE", null);

        await().atMost(PATIENCE).untilAsserted(() -> {
            HealthStatus health = plugin.health();
            assertThat(health.status()).isEqualTo(Status.DEGRADED);
            assertThat(health.message()).isEqualTo("Webhook " + remote.url() + ": retrying a delivery; last error: "
                    + "HTTP 503 from " + remote.url());
        });

        remote.answer = 200;

        await().atMost(PATIENCE).until(() -> plugin.health().status() == Status.HEALTHY);
        assertThat(remote.accepted).hasSize(1);
        assertThat(plugin.health().details()).containsEntry("delivered", 1L).doesNotContainKey("lastError");
    }

    @Test
    void anEventTheRemoteRefusesIsNotSentAgain() throws Exception {
        remote.answer = 400;
        start();

        events.stateChange("memory-cache", "STARTING", "ACTIVE", null);

        await().atMost(PATIENCE).until(() -> Long.valueOf(1).equals(detail("refused")));
        HealthStatus health = plugin.health();
        assertThat(health.status()).isEqualTo(Status.DEGRADED);
        assertThat(health.message()).contains("refused the last event").contains("HTTP 400");
        assertThat(health.details()).containsEntry("breaker", "CLOSED");

        remote.answer = 200;
        events.stateChange("memory-cache", "ACTIVE", "STOPPING", null);

        await().atMost(PATIENCE).until(() -> remote.accepted.size() == 1);
        assertThat(remote.received).hasSize(2);
        assertThat(remote.accepted.get(0)).contains("\"state\":\"STOPPING\"");
    }

    @Test
    void whileTheRemoteIsDownAFullQueueDropsTheOldestEvents() throws Exception {
        remote.goDown();
        start("queue.size", "2", "retry.attempts", "1", "breaker.failures", "1", "breaker.open.ms", "1000");
        events.stateChange("p1", null, "ACTIVE", null);
        // p1 is now held by the delivery thread, waiting for the breaker's next trial
        await().atMost(PATIENCE).until(() -> plugin.health().status() == Status.UNHEALTHY);

        for (String plugin : new String[] { "p2", "p3", "p4", "p5" }) {
            events.stateChange(plugin, null, "ACTIVE", null);
        }

        assertThat(plugin.health().details()).containsEntry("dropped", 2L).containsEntry("queued", 2);
        remote.comeBack();
        await().atMost(PATIENCE).until(() -> remote.accepted.size() == 3);
        assertThat(remote.accepted).extracting(body -> body.substring(0, body.indexOf(',')))
                .containsExactly("{\"plugin\":\"p1\"", "{\"plugin\":\"p4\"", "{\"plugin\":\"p5\"");
    }

    @Test
    void neverForwardsItsOwnAnnouncements() throws Exception {
        start("topics", "*");

        events.stateChange("p1", null, "ACTIVE", null);
        await().atMost(PATIENCE).until(() -> !events.published.isEmpty());
        events.stateChange("p2", null, "ACTIVE", null);

        // deliveries keep the order of events: had the announcement been queued, it would come before p2
        await().atMost(PATIENCE).until(() -> remote.accepted.stream().anyMatch(b -> b.contains("\"p2\"")));
        assertThat(remote.accepted).hasSize(2).noneMatch(b -> b.contains("gcommon/plugin/webhook"));
    }

    @Test
    void subscribesToTheConfiguredTopics() throws Exception {
        start("topics", "org/gcommon/plugin/STATE/FAILED, gcommon/plugin/memory-cache/*");

        assertThat(events.filters()).containsExactly("org/gcommon/plugin/STATE/FAILED", "gcommon/plugin/memory-cache/*");
    }

    @Test
    void acceptsTopicsAsAListFromJsonConfiguration() throws Exception {
        plugin.initialize(Map.of("url", remote.url(), "topics", java.util.List.of("org/gcommon/plugin/STATE/FAILED")));
        plugin.start(context);

        assertThat(events.filters()).containsExactly("org/gcommon/plugin/STATE/FAILED");
    }

    @Test
    void stopEndsTheSubscriptionsAndTheDeliveryThreadEvenWhenThePostHangs() throws Exception {
        remote.hang = new CountDownLatch(1);
        start("timeout.ms", "60000");
        events.stateChange("p1", null, "ACTIVE", null);
        await().atMost(PATIENCE).until(() -> remote.received.size() == 1);

        plugin.stop(context);

        assertThat(events.filters()).isEmpty();
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().equals("gcommon-webhook-delivery") && t.isAlive());
        assertThat(plugin.health().status()).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void refusesAMissingUrlSayingWhatToSet() {
        assertThatThrownBy(() -> plugin.initialize(Map.of()))
                .isInstanceOf(PluginException.class)
                .hasMessage("Configuration key 'url' of plugin 'webhook' is missing: set the http or https URL to "
                        + "post events to in etc/webhook.cfg (e.g. url = https://hooks.example.com/gcommon)");
    }

    @Test
    void neverRepeatsCredentialsFromTheUrl() {
        assertThatThrownBy(() -> plugin.initialize(Map.of("url", "https://user:s3cret@hooks.example.com/x")))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("'url'")
                .hasMessageContaining("without user and password")
                .hasMessageNotContaining("s3cret");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "url              | ftp://example.com/hook        | an absolute http or https URL",
        "url              | http://exa mple.com/hook      | an absolute http or https URL",
        "url              | hooks.example.com/gcommon     | an absolute http or https URL",
        "url              | http:///hook                  | a URL with a host name",
        "timeout.ms       | soon                          | a whole number from 1 to 600000",
        "timeout.ms       | 0                             | a whole number from 1 to 600000",
        "topics           | org/gcommon/plugin/STATE/*, a b | topic filters separated by commas",
        "queue.size       | -1                            | a whole number from 1",
        "retry.attempts   | 0                             | a whole number from 1",
        "retry.backoff.ms | fast                          | a whole number from 0",
        "breaker.failures | 0                             | a whole number from 1",
        "breaker.open.ms  | -5                            | a whole number from 0",
    })
    void refusesBadValuesNamingKeyValueAndExpectedForm(String key, String value, String expected) {
        Map<String, Object> config = new HashMap<>();
        config.put("url", "http://127.0.0.1:9999/hook");
        config.put(key, value);

        assertThatThrownBy(() -> plugin.initialize(config))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("'" + key + "'")
                .hasMessageContaining("'" + value + "'")
                .hasMessageContaining(expected)
                .hasMessageContaining("etc/webhook.cfg");
    }
}
