package org.gcommon.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.gcommon.container.ContainerHttp;
import org.gcommon.container.DeployJars;
import org.gcommon.container.HealthWatch;
import org.gcommon.container.TestBundles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * 100 jars dropped into {@code deploy/} at once, a fifth of them broken in four ways: every good one ends
 * ACTIVE, every broken one REJECTED or FAILED with its reason, within a bounded time; {@code /health}
 * answers in time throughout; the deploy folder is not stuck afterwards (one more jar runs at once) and
 * removing all hundred leaves nothing behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ConcurrentDeploysIT {

    private static final int JARS = 100;
    private static final Duration ALL_SETTLED = Duration.ofMinutes(2);

    /** What a broken jar is, and the state it must end in. */
    private enum Broken {
        NOT_A_ZIP("REJECTED"), NO_MANIFEST("REJECTED"), BAD_VERSION("REJECTED"), MISSING_IMPORT("FAILED");

        final String state;

        Broken(String state) {
            this.state = state;
        }
    }

    @TempDir
    static Path work;

    private Home home;
    private ContainerHttp http;

    @RegisterExtension
    final TestWatcher printLogsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            System.out.println("---- container log ----\n" + home.log());
        }
    };

    @BeforeAll
    void start() throws Exception {
        home = Home.create(work.resolve("home"), false);
        home.start(List.of());
        http = home.http();
    }

    @AfterAll
    void stop() {
        home.close();
    }

    @Test
    void aHundredJarsAtOnceEndActiveOrRefusedWithTheirReasons() throws Exception {
        Path staging = work.resolve("staging");
        Files.createDirectories(staging);
        Map<String, String> expected = new LinkedHashMap<>(); // name in /api/plugins -> state
        for (int i = 0; i < JARS; i++) {
            String file = String.format("jar-%03d.jar", i);
            Path jar = staging.resolve(file);
            if (i % 5 != 4) {
                String bsn = "reliability.deploy.good" + i;
                TestBundles.bundle(jar, bsn, "1.0." + i);
                expected.put(bsn, "ACTIVE");
                continue;
            }
            Broken broken = Broken.values()[(i / 5) % Broken.values().length];
            switch (broken) {
            case NOT_A_ZIP -> DeployJars.notAZip(jar);
            case NO_MANIFEST -> DeployJars.withoutManifest(jar);
            case BAD_VERSION -> TestBundles.write(jar, Map.of("Bundle-SymbolicName", "reliability.deploy.badversion" + i,
                    "Bundle-Version", "1.x.y"));
            case MISSING_IMPORT -> TestBundles.write(jar, Map.of("Bundle-SymbolicName", "reliability.deploy.missing" + i,
                    "Bundle-Version", "1.0.0", "Import-Package", "org.example.nowhere" + i));
            }
            expected.put(broken == Broken.MISSING_IMPORT ? "reliability.deploy.missing" + i : file, broken.state);
        }

        try (HealthWatch health = HealthWatch.start(http, Duration.ofMillis(250), Duration.ofSeconds(2))) {
            long dropped = System.nanoTime();
            for (int i = 0; i < JARS; i++) {
                String file = String.format("jar-%03d.jar", i);
                Files.move(staging.resolve(file), home.deploy().resolve(file));
            }
            await("all " + JARS + " jars settled").atMost(ALL_SETTLED).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(home.states()).containsAllEntriesOf(expected));
            long settledMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - dropped);

            List<JsonNode> refused = http.plugins().stream().filter(p -> !"ACTIVE".equals(p.path("state").asText())).toList();
            assertThat(refused).hasSize(JARS / 5);
            for (JsonNode p : refused) {
                assertThat(reason(p)).as("the reason %s is %s", p.path("name").asText(), p.path("state").asText())
                        .isNotBlank();
            }
            assertThat(reasonOf(refused, "jar-004.jar")).contains("archive");
            assertThat(reasonOf(refused, "reliability.deploy.missing" + 19)).contains("org.example.nowhere19");
            Figures.record("ConcurrentDeploysIT", JARS + " jars dropped at once: " + expected.values().stream()
                    .filter("ACTIVE"::equals).count() + " ACTIVE, " + refused.size() + " REJECTED or FAILED with a reason, "
                    + "all settled " + settledMillis + " ms after the drop; GET /health asked " + health.answers()
                    + " times, " + health.problems().size() + " not a 200 within 2 s");
            assertThat(health.problems()).isEmpty();
        }

        // not stuck: one more jar runs at once
        long more = System.nanoTime();
        TestBundles.bundle(staging.resolve("one-more.jar"), "reliability.deploy.onemore", "1.0.0");
        Files.move(staging.resolve("one-more.jar"), home.deploy().resolve("one-more.jar"));
        await().atMost(Duration.ofSeconds(15)).pollInterval(Home.POLL)
                .until(() -> http.state("reliability.deploy.onemore"), "ACTIVE"::equals);
        Figures.record("ConcurrentDeploysIT", "one more jar ACTIVE " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - more)
                + " ms after it was dropped");

        // and all of them can go at once
        long removing = System.nanoTime();
        for (String file : home.deployed()) {
            Files.delete(home.deploy().resolve(file));
        }
        await("every jar uninstalled").atMost(ALL_SETTLED).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(home.states()).isEmpty());
        Figures.record("ConcurrentDeploysIT", (JARS + 1) + " jars removed at once, all gone "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - removing) + " ms later");
        assertThat(http.get("/health").status()).isEqualTo(200);
    }

    private static String reason(JsonNode plugin) {
        StringBuilder out = new StringBuilder(plugin.path("lastError").asText(""));
        plugin.path("reasons").forEach(r -> out.append(' ').append(r.isTextual() ? r.asText() : r.toString()));
        return out.toString().strip();
    }

    private static String reasonOf(List<JsonNode> plugins, String name) {
        return plugins.stream().filter(p -> name.equals(p.path("name").asText())).findFirst().map(ConcurrentDeploysIT::reason)
                .orElse("(" + name + " not listed)");
    }
}
