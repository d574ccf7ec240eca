package org.gcommon.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.gcommon.container.ContainerHttp;
import org.gcommon.container.HealthWatch;
import org.gcommon.container.PluginJars;
import org.gcommon.reliability.plugins.flood.EventFloodPlugin;
import org.gcommon.reliability.plugins.hangstop.HangingStopPlugin;
import org.gcommon.reliability.plugins.leaker.ThreadLeakingPlugin;
import org.gcommon.reliability.plugins.throwing.ThrowingPlugin;
import org.gcommon.reliability.plugins.wellbehaved.WellBehavedPlugin;
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
 * Four misbehaving plugins at the same time (one throws everywhere, one hangs in stop(), one leaks
 * threads, one floods the event bus) next to a well-behaved middleware that serves {@code /gateway/echo}:
 * every request is answered by the well-behaved plugin, its own events keep flowing, {@code /health}
 * keeps answering 200 in time, and the misbehaving ones are contained (listed with what they did) and
 * can be removed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class MisbehavingPluginsIT {

    private static final String PLUGINS = "org.gcommon.reliability.plugins.";
    private static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(60);
    private static final int STEADY_REQUESTS = 300;

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
        home = Home.create(work.resolve("home"), false)
                .appendEtc("org.gcommon.plugin.manager.cfg", HangingStopPlugin.NAME + ".lifecycle.timeout.ms = 1000");
        home.start(List.of());
        http = home.http();
        PluginJars.bundle(PLUGINS + "wellbehaved", "1.0.0").activator(
                org.gcommon.reliability.plugins.wellbehaved.Activator.class).importing("org.gcommon.plugin.api.middleware")
                .writeTo(home.deploy().resolve("well-behaved.jar"));
        await().atMost(CHANGE_TIMEOUT).pollInterval(Home.POLL).until(() -> http.state(WellBehavedPlugin.NAME), "ACTIVE"::equals);
    }

    @AfterAll
    void stop() {
        home.close();
    }

    @Test
    void aWellBehavedPluginKeepsServingWhileFourOthersMisbehaveAtOnce() throws Exception {
        Path staging = work.resolve("staging");
        Map<String, Path> jars = Map.of(
                ThrowingPlugin.NAME, PluginJars.bundle(PLUGINS + "throwing", "1.0.0")
                        .activator(org.gcommon.reliability.plugins.throwing.Activator.class)
                        .importing("org.gcommon.plugin.api.middleware").writeTo(staging.resolve("throwing.jar")),
                HangingStopPlugin.NAME, PluginJars.bundle(PLUGINS + "hangstop", "1.0.0")
                        .activator(org.gcommon.reliability.plugins.hangstop.Activator.class).writeTo(staging.resolve("hangstop.jar")),
                ThreadLeakingPlugin.NAME, PluginJars.bundle(PLUGINS + "leaker", "1.0.0")
                        .activator(org.gcommon.reliability.plugins.leaker.Activator.class).writeTo(staging.resolve("leaker.jar")),
                EventFloodPlugin.NAME, PluginJars.bundle(PLUGINS + "flood", "1.0.0")
                        .activator(org.gcommon.reliability.plugins.flood.Activator.class).writeTo(staging.resolve("flood.jar")));
        URI echo = URI.create("http://127.0.0.1:" + home.port() + "/gateway/echo");

        try (LoadGenerator load = new LoadGenerator(echo, 200, 2, 50, Duration.ofMinutes(5)).requireHeader(WellBehavedPlugin.HEADER);
                HealthWatch health = HealthWatch.start(http, Duration.ofMillis(250), Duration.ofSeconds(2))) {
            load.start("calm");
            await().atMost(CHANGE_TIMEOUT).until(() -> load.get("calm").requests() >= STEADY_REQUESTS);

            load.phase("misbehaving");
            for (Path jar : jars.values()) {
                Jars.drop(jar, home.deploy(), jar.getFileName().toString());
            }
            await("the thread leak quarantined").atMost(CHANGE_TIMEOUT).pollInterval(Home.POLL)
                    .until(() -> http.state(ThreadLeakingPlugin.NAME), "QUARANTINED"::equals);
            await("the others running").atMost(CHANGE_TIMEOUT).pollInterval(Home.POLL).untilAsserted(() -> assertThat(home.states())
                    .containsEntry(ThrowingPlugin.NAME, "ACTIVE").containsEntry(HangingStopPlugin.NAME, "ACTIVE")
                    .containsEntry(EventFloodPlugin.NAME, "ACTIVE").containsEntry(WellBehavedPlugin.NAME, "ACTIVE"));
            await("the throwing plugin's health() reported").atMost(CHANGE_TIMEOUT).pollInterval(Home.POLL).untilAsserted(() ->
                    assertThat(plugin(ThrowingPlugin.NAME).path("health").path("message").asText()).contains("threw"));
            await("the flood under way").atMost(CHANGE_TIMEOUT).pollInterval(Home.POLL)
                    .until(() -> detail(EventFloodPlugin.NAME, "published") > 10_000);
            long ticks = detail(WellBehavedPlugin.NAME, "ticks.received");
            await("the well-behaved plugin's own events still delivered during the flood").atMost(CHANGE_TIMEOUT)
                    .pollInterval(Home.POLL).until(() -> detail(WellBehavedPlugin.NAME, "ticks.received") >= ticks + 20);
            await().atMost(CHANGE_TIMEOUT).until(() -> load.get("misbehaving").requests() >= STEADY_REQUESTS);

            JsonNode leaker = plugin(ThreadLeakingPlugin.NAME);
            JsonNode flood = plugin(EventFloodPlugin.NAME).path("health").path("details");
            Figures.record("MisbehavingPluginsIT", "leaks-threads: " + leaker.path("lastError").asText());
            Figures.record("MisbehavingPluginsIT", "floods-events: published=" + flood.path("published").asLong()
                    + " received=" + flood.path("received").asLong() + " refused=" + flood.path("refused").asLong());
            // the flood's backlog is bounded: at most the runtime's 10,000 waiting events (read published first,
            // so the difference can only overstate the backlog by what was delivered in between)
            assertThat(flood.path("published").asLong() - flood.path("received").asLong())
                    .as("events of the flooding plugin waiting for delivery").isLessThanOrEqualTo(10_000);

            load.phase("removing");
            long removing = System.nanoTime();
            for (String name : List.of(ThrowingPlugin.NAME, HangingStopPlugin.NAME, ThreadLeakingPlugin.NAME,
                    EventFloodPlugin.NAME)) {
                Files.delete(home.deploy().resolve(jars.get(name).getFileName()));
            }
            await("the misbehaving plugins uninstalled").atMost(CHANGE_TIMEOUT).pollInterval(Home.POLL)
                    .untilAsserted(() -> assertThat(home.states().keySet()).containsExactly(WellBehavedPlugin.NAME));
            Figures.record("MisbehavingPluginsIT", "the four misbehaving plugins uninstalled in "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - removing) + " ms");

            load.phase("after");
            long ticksAfter = detail(WellBehavedPlugin.NAME, "ticks.received");
            await().atMost(CHANGE_TIMEOUT).until(() -> load.get("after").requests() >= STEADY_REQUESTS);
            await().atMost(CHANGE_TIMEOUT).pollInterval(Home.POLL)
                    .until(() -> detail(WellBehavedPlugin.NAME, "ticks.received") >= ticksAfter + 20);
            load.close();

            for (LoadGenerator.Phase phase : load.phases()) {
                Figures.record("MisbehavingPluginsIT", phase.toString());
            }
            Figures.record("MisbehavingPluginsIT", "GET /health asked " + health.answers() + " times, "
                    + health.problems().size() + " not a 200 within 2 s");
            for (LoadGenerator.Phase phase : load.phases()) {
                assertThat(phase.failures()).as("requests failed: %s", phase).isEmpty();
            }
            assertThat(health.problems()).isEmpty();
        }
        assertThat(plugin(WellBehavedPlugin.NAME).path("health").path("status").asText()).isEqualTo("HEALTHY");
        assertThat(home.log()).contains(ThrowingPlugin.NAME);
    }

    private JsonNode plugin(String name) throws Exception {
        ContainerHttp.Response response = http.get("/api/plugins/" + name);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.body();
    }

    private long detail(String plugin, String key) throws Exception {
        return plugin(plugin).path("health").path("details").path(key).asLong();
    }
}
