package org.gcommon.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.gcommon.container.ContainerHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;

/**
 * Traffic through the middleware chain ({@code /gateway/echo}) while the middleware and provider samples
 * are updated (a new build dropped over the old jar, or sent to the management API), stopped and started
 * (through the API) and uninstalled and installed again (the jar taken out of {@code deploy/} and put
 * back), 50 changes in all: not one request fails, and the latency before, during and after is recorded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class LoadDuringChangeIT {

    private static final int CHANGES = 50;
    private static final int CLIENTS = 4;
    private static final int PER_CLIENT_PER_SECOND = 60;
    /** Requests measured before and after the changes (about 4 s at the rate above). */
    private static final int STEADY_REQUESTS = 1000;
    private static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(30);

    /** The plugins changed in turn: name and jar in deploy/. */
    private record Target(String name, String jar) {
    }

    private static final List<Target> TARGETS = List.of(
            new Target("request-logging", "org.gcommon.plugin.sample.requestlogging-0.1.0-SNAPSHOT.jar"),
            new Target("memory-cache", "org.gcommon.plugin.sample.cache-0.1.0-SNAPSHOT.jar"),
            new Target("rate-limit", "org.gcommon.plugin.sample.ratelimit-0.1.0-SNAPSHOT.jar"),
            new Target("backup-cache", "org.gcommon.plugin.sample.cache.backup-0.1.0-SNAPSHOT.jar"));

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
        home = Home.create(work.resolve("home"), true);
        // the rate limit far above the load (else 429 is the expected answer), no line logged per request
        Files.writeString(home.etc().resolve("rate-limit.cfg"), "rate.per.second = 1000000\nburst = 1000000\n");
        Files.writeString(home.etc().resolve("request-logging.cfg"), "log.requests = false\n");
        home.start(Home.SAMPLES);
        http = home.http();
    }

    @AfterAll
    void stop() {
        home.close();
    }

    @Test
    void noRequestFailsWhileMiddlewaresAndProvidersAreUpdatedStoppedAndStarted() throws Exception {
        URI echo = URI.create("http://127.0.0.1:" + home.port() + "/gateway/echo");
        Path builds = work.resolve("builds");
        Path aside = work.resolve("aside");
        Files.createDirectories(aside);
        List<String> changes = new ArrayList<>();
        try (LoadGenerator load = new LoadGenerator(echo, 200, CLIENTS, PER_CLIENT_PER_SECOND, Duration.ofMinutes(6))) {
            load.start("before");
            await().atMost(Duration.ofMinutes(1)).until(() -> load.get("before").requests() >= STEADY_REQUESTS);

            load.phase("during");
            String token = home.token();
            for (int i = 0; i < CHANGES; i++) {
                Target target = TARGETS.get(i % TARGETS.size());
                Path jar = home.deploy().resolve(target.jar());
                String since = stateSince(target.name());
                String version = "0.1." + (i + 1);
                switch ((i / TARGETS.size()) % 4) {
                case 0 -> {
                    // a new build of the plugin dropped over the old jar
                    Jars.drop(Jars.withVersion(jar, builds.resolve(i + ".jar"), version), home.deploy(), target.jar());
                    changes.add("update " + target.name() + " in deploy/ to " + version);
                }
                case 1 -> {
                    byte[] build = Files.readAllBytes(Jars.withVersion(jar, builds.resolve(i + ".jar"), version));
                    ContainerHttp.Response updated = http.send("POST", "/api/plugins/" + target.name() + "/update?file="
                            + target.jar(), token, "application/java-archive", build);
                    assertThat(updated.status()).as(updated.text()).isEqualTo(200);
                    changes.add("update " + target.name() + " through the API to " + version);
                }
                case 2 -> {
                    ContainerHttp.Response stopped = http.send("POST", "/api/plugins/" + target.name() + "/stop", token, null, null);
                    assertThat(stopped.status()).as(stopped.text()).isEqualTo(200);
                    assertThat(http.state(target.name())).isIn("STOPPED", "RESOLVED", "INSTALLED");
                    ContainerHttp.Response started = http.send("POST", "/api/plugins/" + target.name() + "/start", token, null, null);
                    assertThat(started.status()).as(started.text()).isEqualTo(200);
                    changes.add("stop and start " + target.name() + " through the API");
                }
                default -> {
                    // uninstall and install again: the jar out of deploy/ and back
                    Files.move(jar, aside.resolve(target.jar()), StandardCopyOption.ATOMIC_MOVE);
                    await("uninstalled " + target.name()).atMost(CHANGE_TIMEOUT).pollInterval(Home.POLL)
                            .until(() -> http.plugin(target.name()).isEmpty());
                    Files.move(aside.resolve(target.jar()), jar, StandardCopyOption.ATOMIC_MOVE);
                    changes.add("remove and put back " + target.name() + " in deploy/");
                }
                }
                await(changes.get(i)).atMost(CHANGE_TIMEOUT).pollInterval(Home.POLL).until(() -> http.plugin(target.name())
                        .filter(p -> "ACTIVE".equals(p.path("state").asText()))
                        .filter(p -> !p.path("stateSince").asText().equals(since)).isPresent());
            }

            load.phase("after");
            await().atMost(Duration.ofMinutes(1)).until(() -> load.get("after").requests() >= STEADY_REQUESTS);
            load.close();

            for (LoadGenerator.Phase phase : load.phases()) {
                Figures.record("LoadDuringChangeIT", phase.toString());
            }
            Figures.record("LoadDuringChangeIT", changes.size() + " changes: " + changes.stream()
                    .map(c -> c.replaceAll(" to [0-9.]+$", "")).distinct().toList());
            for (LoadGenerator.Phase phase : load.phases()) {
                assertThat(phase.failures()).as("failed requests %s the changes", phase).isEmpty();
            }
        }
        assertThat(home.states()).containsAllEntriesOf(Map.of("request-logging", "ACTIVE", "memory-cache", "ACTIVE",
                "rate-limit", "ACTIVE", "backup-cache", "ACTIVE", "metrics", "ACTIVE", "webhook", "ACTIVE"));
        assertThat(http.get("/health").status()).isEqualTo(200);
    }

    private String stateSince(String name) throws Exception {
        return http.plugin(name).map(p -> p.path("stateSince").asText()).orElse("");
    }
}
