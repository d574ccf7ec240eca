package org.gcommon.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The quick start's sample plugins in the built container: every kind ACTIVE and HEALTHY, requests to
 * {@code /gateway/echo} passing through both middlewares, 429 past the configured rate, {@code /metrics}
 * listing the plugins.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SamplesIT {

    private static final List<String> SAMPLES = List.of("memory-cache", "backup-cache", "request-logging", "rate-limit",
            "metrics", "webhook");
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @TempDir
    static Path work;

    private Path home;
    private Path output;
    private ContainerProcess container;
    private ContainerHttp http;

    @RegisterExtension
    final TestWatcher printLogsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            System.out.println(ContainerProcess.read(home.resolve("log/gcommon.log")));
        }
    };

    @BeforeAll
    void start() throws Exception {
        home = work.resolve("home");
        output = work.resolve("output.txt");
        int port = ContainerProcess.freePort();
        http = new ContainerHttp(port);
        container = ContainerProcess.start(output, "start", "--home", home.toString(), "--port", Integer.toString(port));
    }

    @AfterAll
    void stop() {
        if (container != null) {
            container.close();
        }
    }

    @Test
    @Order(1)
    void everySampleIsActiveAndHealthy() {
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            ContainerHttp.Response health = http.get("/health");
            assertThat(health.status()).isEqualTo(200);
            for (String sample : SAMPLES) {
                JsonNode entry = null;
                for (JsonNode p : health.body().path("plugins")) {
                    if (sample.equals(p.path("name").asText())) {
                        entry = p;
                    }
                }
                assertThat(entry).as(sample + " in " + health.text()).isNotNull();
                assertThat(entry.path("state").asText()).as(sample).isEqualTo("ACTIVE");
                assertThat(entry.path("health").path("status").asText()).as(sample).isEqualTo("HEALTHY");
            }
        });
    }

    @Test
    @Order(2)
    void gatewayRequestsPassThroughBothMiddlewares() throws Exception {
        ContainerHttp.Response echo = http.get("/gateway/echo?x=1");

        assertThat(echo.status()).isEqualTo(200);
        assertThat(echo.header("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).isNotBlank());
        assertThat(echo.header("X-Response-Time-Micros")).isPresent();
        assertThat(echo.body().path("path").asText()).isEqualTo("/echo");
        assertThat(echo.body().path("query").asText()).isEqualTo("x=1");
        // the request id was added before the handler ran, so the echo shows it too
        assertThat(echo.body().path("headers").path("X-Request-Id").get(0).asText())
                .isEqualTo(echo.header("X-Request-Id").orElseThrow());
    }

    @Test
    @Order(3)
    void metricsListEveryPlugin() throws Exception {
        ContainerHttp.Response metrics = http.get("/metrics");

        assertThat(metrics.status()).isEqualTo(200);
        for (String sample : SAMPLES) {
            assertThat(metrics.text()).contains("gcommon_plugin_state{plugin=\"" + sample + "\",state=\"ACTIVE\"");
        }
    }

    @Test
    @Order(4)
    void pastTheConfiguredRateRequestsGet429() throws Exception {
        // The webhook posts each state change of the reconfigured rate-limit to /gateway/echo too, through
        // the same bucket: the burst leaves room for those.
        Files.writeString(home.resolve("etc/rate-limit.cfg"), "rate.per.second = 1\nburst = 10\n");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(http.plugin("rate-limit").orElseThrow()
                .path("health").path("message").asText()).contains("1 requests/s"));

        int ok = 0;
        ContainerHttp.Response limited = null;
        for (int i = 0; i < 30 && limited == null; i++) {
            ContainerHttp.Response r = http.get("/gateway/echo");
            if (r.status() == 429) {
                limited = r;
            } else {
                assertThat(r.status()).isEqualTo(200);
                ok++;
            }
        }
        assertThat(limited).as("a 429 within 30 requests at 1 request/s with a burst of 10").isNotNull();
        assertThat(ok).isBetween(1, 12);
        assertThat(limited.header("Retry-After")).isPresent();
        assertThat(limited.header("X-Request-Id")).as("request-logging runs before rate-limit").isPresent();
        assertThat(http.get("/health").status()).isEqualTo(200);
    }
}
