package org.gcommon.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.gcommon.container.ContainerHttp;
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
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code kill -9} of the container in the middle of an install, an update, a configuration change and a
 * grant change through the management API, each three times at different moments: after every restart
 * {@code /health} answers 200, the samples run, and what was being changed is either as it was or as it
 * was asked to become — never half: a jar in {@code deploy/} runs, an installed plugin has its jar, an
 * updated plugin runs its old or its new version, the configuration and grant files read back whole.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class CrashConsistencyIT {

    private static final int ROUNDS = 3;
    private static final String UPDATED = "reliability.crash.updated";
    private static final String CONFIGURED = "memory-cache";
    private static final String GRANTED = "webhook";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private Home home;
    private ContainerHttp http;
    private final HttpClient async = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> outcomes = new ArrayList<>();

    @RegisterExtension
    final TestWatcher printLogsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            System.out.println("---- container output ----\n" + home.output() + "\n---- container log ----\n" + home.log());
        }
    };

    @BeforeAll
    void start() throws Exception {
        home = Home.create(work.resolve("home"), true);
        TestBundles.bundle(home.deploy().resolve("updated.jar"), UPDATED, "1.0.0");
        home.start(Home.SAMPLES);
        http = home.http();
    }

    @AfterAll
    void stop() {
        home.close();
    }

    @Test
    void aKilledContainerComesBackWithEachChangeWholeOrNotAtAll() throws Exception {
        String token = home.token();
        int kills = 0;
        for (int round = 0; round < ROUNDS; round++) {
            // the kill lands at a different moment of the change each round: at once, early, later
            long delayMillis = new long[] { 0, 40, 300 }[round];

            Path jar = TestBundles.bundle(work.resolve("builds/installed-" + round + ".jar"), "reliability.crash.installed" + round,
                    "1.0.0");
            killDuring("POST", "/api/plugins?file=installed-" + round + ".jar", token, "application/java-archive",
                    Files.readAllBytes(jar), delayMillis);
            kills++;
            restartAndCheck();
            boolean jarThere = Files.exists(home.deploy().resolve("installed-" + round + ".jar"));
            String state = http.state("reliability.crash.installed" + round);
            assertThat(state).as("installed-%d.jar %s deploy/", round, jarThere ? "in" : "not in")
                    .isEqualTo(jarThere ? "ACTIVE" : "(absent)");
            if (jarThere) {
                assertThat(home.deploy().resolve("installed-" + round + ".jar")).hasSameBinaryContentAs(jar);
            }
            outcomes.add("install: " + (jarThere ? "new" : "old"));

            String before = version(UPDATED);
            String next = "2.0." + round;
            Path update = TestBundles.bundle(work.resolve("builds/updated-" + round + ".jar"), UPDATED, next);
            killDuring("POST", "/api/plugins/" + UPDATED + "/update?file=updated.jar", token, "application/java-archive",
                    Files.readAllBytes(update), delayMillis);
            kills++;
            restartAndCheck();
            String after = version(UPDATED);
            assertThat(http.state(UPDATED)).isEqualTo("ACTIVE");
            assertThat(after).as("the version after a kill during the update %s -> %s", before, next).isIn(before, next);
            outcomes.add("update: " + (after.equals(next) ? "new" : "old"));

            Map<String, Object> config = Map.of("max.entries", Long.toString(1000 + round), "ttl.seconds", "60");
            JsonNode configBefore = http.get("/api/plugins/" + CONFIGURED + "/config").body().path("configuration");
            killDuring("PUT", "/api/plugins/" + CONFIGURED + "/config", token, "application/json", ContainerHttp.json(config),
                    delayMillis);
            kills++;
            restartAndCheck();
            JsonNode configAfter = http.get("/api/plugins/" + CONFIGURED + "/config").body().path("configuration");
            String maxEntries = configAfter.path("max.entries").asText();
            assertThat(maxEntries).as("max.entries after a kill during the change, was %s", configBefore)
                    .isIn(configBefore.path("max.entries").asText(), Long.toString(1000 + round));
            Path json = home.etc().resolve(CONFIGURED + ".json");
            if (Files.exists(json)) {
                assertThat(JSON.readTree(json.toFile()).isObject()).as("etc/%s reads back whole", json.getFileName()).isTrue();
            }
            outcomes.add("config: " + (maxEntries.equals(Long.toString(1000 + round)) ? "new" : "old"));

            List<String> grant = List.of("(java.net.SocketPermission \"127.0.0.1:*\" \"connect,resolve\")",
                    "(java.net.URLPermission \"http://127.0.0.1:*/-\" \"POST:Content-Type\")",
                    "(org.osgi.service.event.TopicPermission \"org/gcommon/plugin/STATE/*\" \"subscribe\")",
                    "(java.util.PropertyPermission \"reliability.round" + round + "\" \"read\")");
            List<String> grantBefore = grants();
            killDuring("PUT", "/api/plugins/" + GRANTED + "/grants", token, "application/json",
                    ContainerHttp.json(Map.of("permissions", grant)), delayMillis);
            kills++;
            restartAndCheck();
            List<String> grantAfter = grants();
            assertThat(grantAfter).as("the grant after a kill during its change").isIn(grantBefore, grant);
            outcomes.add("grant: " + (grantAfter.equals(grant) ? "new" : "old"));
        }
        Figures.record("CrashConsistencyIT", kills + " kill -9 (install, update, config, grant × " + ROUNDS
                + "), each restart healthy with the samples ACTIVE; old/new: " + outcomes);
    }

    /** Sends the change, and kills the container {@code delayMillis} after sending, whatever it is doing. */
    private void killDuring(String method, String path, String token, String type, byte[] body, long delayMillis)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + home.port() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).header("Content-Type", type)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build();
        CompletableFuture<HttpResponse<String>> answer = async.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        if (delayMillis > 0) {
            try {
                answer.get(delayMillis, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // still working on it: this is the moment
            }
        }
        home.kill();
        assertThat(home.isAlive()).isFalse();
    }

    private void restartAndCheck() throws Exception {
        home.start(Home.SAMPLES);
        assertThat(http.get("/health").status()).isEqualTo(200);
        assertThat(home.states()).doesNotContainValue("FAILED").doesNotContainValue("REJECTED");
    }

    private String version(String name) throws Exception {
        return http.get("/api/plugins/" + name).body().path("version").asText();
    }

    private List<String> grants() throws Exception {
        List<String> out = new ArrayList<>();
        http.get("/api/plugins/" + GRANTED + "/grants").body().path("permissions").forEach(p -> out.add(p.asText()));
        return out;
    }
}
