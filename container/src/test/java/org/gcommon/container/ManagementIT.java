package org.gcommon.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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
 * The runtime side of plugin management in the built container, as an operator meets it: a new
 * version that throws in start() and one that reports UNHEALTHY, dropped over the running jar in
 * {@code deploy/}, are rolled back to the version that ran, with the reason in the plugin's
 * {@code lastUpdate}; a plugin stopped through the API stays stopped across a restart, and its
 * configuration, grants and limits are kept; a container killed (SIGKILL) while an update waits for
 * the new version comes back with the plugin ACTIVE at a version that works and {@code /health} 200.
 * The steps build on each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ManagementIT {

    private static final String PROBE = "admin-probe";
    private static final String PROBE_BSN = "org.gcommon.container.adminplugins.probe";
    private static final String KEEPER = "admin-keeper";
    private static final String KEEPER_BSN = "org.gcommon.container.adminplugins.keeper";
    private static final String MANAGER_FILE = "etc/org.gcommon.plugin.manager.cfg";
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path work;

    private Path home;
    private Path deploy;
    private ContainerProcess container;
    private ContainerHttp http;
    private int port;

    @RegisterExtension
    final TestWatcher printLogsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            System.out.println("---- " + home.resolve("log/gcommon.log") + " ----");
            System.out.println(ContainerProcess.read(home.resolve("log/gcommon.log")));
        }
    };

    /** A home with the distribution's etc/ and no sample plugins; a short update window to start with. */
    @BeforeAll
    void start() throws Exception {
        home = work.resolve("home");
        deploy = Files.createDirectories(home.resolve("deploy"));
        copyFiles(ContainerProcess.distDir().resolve("etc"), home.resolve("etc"));
        Files.writeString(home.resolve(MANAGER_FILE), "\nupdate.health.window.ms = 3000\n", StandardOpenOption.APPEND);
        port = ContainerProcess.freePort();
        http = new ContainerHttp(port);
        container = startContainer("first");
    }

    @AfterAll
    void stop() {
        if (container != null) {
            container.close();
        }
    }

    @Test
    @Order(1)
    void aDroppedPluginRuns() throws Exception {
        await().atMost(BOOT_TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(http.get("/health").status()).isEqualTo(200);
            assertThat(home.resolve("etc/admin.token")).exists();
        });
        probe("steady", "1.0.0", deploy.resolve("admin-probe.jar"));
        await().atMost(CHANGE_TIMEOUT).untilAsserted(() -> assertProbe("ACTIVE", "1.0.0"));
    }

    @Test
    @Order(2)
    void aNewVersionThatThrowsInStartIsRolledBack() throws Exception {
        replace("throwing", "1.1.0");

        await().atMost(CHANGE_TIMEOUT).untilAsserted(() -> {
            JsonNode update = lastUpdate();
            assertThat(update.path("version").asText()).isEqualTo("1.1.0");
            assertThat(update.path("outcome").asText()).isEqualTo("ROLLED_BACK");
            assertThat(update.path("reason").asText()).contains("rolled back to 1.0.0", "FAILED",
                    "the backend URL is missing");
            assertProbe("ACTIVE", "1.0.0");
        });
        assertThat(http.get("/health").status()).isEqualTo(200);
        assertThat(events()).anySatisfy(e -> {
            assertThat(e.path("kind").asText()).isEqualTo("ROLLED_BACK");
            assertThat(e.path("plugin").asText()).isEqualTo(PROBE);
        });
    }

    @Test
    @Order(3)
    void aNewVersionThatStaysUnhealthyIsRolledBackWhenTheWindowEnds() throws Exception {
        replace("unhealthy", "1.2.0");

        await().atMost(CHANGE_TIMEOUT).untilAsserted(() -> {
            JsonNode update = lastUpdate();
            assertThat(update.path("version").asText()).isEqualTo("1.2.0");
            assertThat(update.path("outcome").asText()).isEqualTo("ROLLED_BACK");
            assertThat(update.path("reason").asText()).contains("within 3000 ms", "UNHEALTHY", "backend unreachable");
            assertProbe("ACTIVE", "1.0.0");
        });
        assertThat(http.get("/health").status()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void stateConfigurationGrantsAndLimitsSurviveARestart() throws Exception {
        String token = Files.readString(home.resolve("etc/admin.token")).trim();
        byte[] keeper = Files.readAllBytes(PluginJars.bundle(KEEPER_BSN, "1.0.0").writeTo(work.resolve("keeper.jar")));
        ContainerHttp.Response installed = http.send("POST", "/api/plugins?file=admin-keeper.jar", token,
                "application/java-archive", keeper);
        assertThat(installed.status()).as(installed.text()).isEqualTo(201);
        assertThat(installed.body().path("outcome").asText()).isEqualTo("INSTALLED");
        assertThat(deploy.resolve("admin-keeper.jar")).exists();

        ContainerHttp.Response stopped = http.send("POST", "/api/plugins/" + KEEPER_BSN + "/stop", token, null, null);
        assertThat(stopped.status()).as(stopped.text()).isEqualTo(200);
        assertThat(http.state(KEEPER_BSN)).isEqualTo("STOPPED");

        put(token, "/config", Map.of("greeting", "hello", "retries", 3));
        put(token, "/grants", Map.of("permissions", List.of("(java.util.PropertyPermission \"user.home\" \"read\")")));
        put(token, "/limits", Map.of("limits", Map.of("threads.max", 12)));
        assertThat(Files.readString(home.resolve("etc/org.gcommon.plugin.security.grants.cfg")))
                .contains("org.gcommon.plugin.sample.webhook = \\", PROBE_BSN + " = (java.util.PropertyPermission");

        assertThat(container.stop()).isZero();
        container = startContainer("second");
        await().atMost(BOOT_TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(http.get("/health").status()).isEqualTo(200);
            // the refused 1.2.0 is still in deploy/, and not tried again until it changes
            assertProbe("ACTIVE", "1.0.0");
        });
        assertThat(http.state(KEEPER_BSN)).isEqualTo("STOPPED");
        assertThat(lastUpdate().path("outcome").asText()).isEqualTo("ROLLED_BACK");
        assertThat(http.get("/api/plugins/" + PROBE + "/config").body().path("configuration").path("greeting").asText())
                .isEqualTo("hello");
        assertThat(http.get("/api/plugins/" + PROBE + "/grants").body().path("permissions").get(0).asText())
                .isEqualTo("(java.util.PropertyPermission \"user.home\" \"read\")");
        assertThat(http.get("/api/plugins/" + PROBE + "/limits").body().path("limits").path("threads.max").asInt())
                .isEqualTo(12);
    }

    @Test
    @Order(5)
    void aContainerKilledWhileAnUpdateWaitsComesBackWithAWorkingVersion() throws Exception {
        // long enough that the update is still waiting for the slow start when the container is killed
        Files.writeString(home.resolve(MANAGER_FILE), "\nupdate.health.window.ms = 60000\n"
                + PROBE + ".lifecycle.timeout.ms = 20000\n", StandardOpenOption.APPEND);
        container.stop();
        container = startContainer("third");
        await().atMost(BOOT_TIMEOUT).ignoreExceptions().untilAsserted(() -> assertProbe("ACTIVE", "1.0.0"));

        replace("blocking", "1.3.0");
        await().atMost(CHANGE_TIMEOUT).untilAsserted(() -> assertProbe("STARTING", "1.3.0"));
        container.close(); // SIGKILL: bin/gcommon execs the JVM, so this is the container itself
        assertThat(container.isAlive()).isFalse();

        container = startContainer("after-kill");
        await().atMost(BOOT_TIMEOUT.multipliedBy(2)).ignoreExceptions().untilAsserted(() -> {
            assertThat(http.get("/health").status()).isEqualTo(200);
            JsonNode probe = http.plugin(PROBE).orElseThrow();
            assertThat(probe.path("state").asText()).isEqualTo("ACTIVE");
            assertThat(probe.path("version").asText()).isIn("1.0.0", "1.3.0");
        });
        JsonNode update = lastUpdate();
        assertThat(update.path("version").asText()).isEqualTo("1.3.0");
        assertThat(update.path("outcome").asText()).isEqualTo("ROLLED_BACK");
        assertThat(update.path("reason").asText()).contains("container stopped");
        assertThat(http.state(KEEPER_BSN)).isEqualTo("STOPPED");
        try (Stream<Path> files = Files.list(deploy)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("admin-probe.jar",
                    "admin-keeper.jar");
        }
    }

    private ContainerProcess startContainer(String run) throws IOException {
        return ContainerProcess.start(work.resolve("container-" + run + ".txt"), "start", "--home", home.toString(),
                "--port", Integer.toString(port));
    }

    private void probe(String kind, String version, Path jar) throws IOException {
        PluginJars.bundle(PROBE_BSN, version)
                .activator(classOf(kind))
                .writeTo(jar);
    }

    /** Replaces deploy/admin-probe.jar in one step, as a careful operator (or a deployment tool) does. */
    private void replace(String kind, String version) throws IOException {
        Path staged = work.resolve("staged-" + kind + ".jar");
        probe(kind, version, staged);
        Files.move(staged, deploy.resolve("admin-probe.jar"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private static Class<?> classOf(String kind) {
        return switch (kind) {
        case "steady" -> org.gcommon.container.adminplugins.steady.Activator.class;
        case "throwing" -> org.gcommon.container.adminplugins.throwing.Activator.class;
        case "unhealthy" -> org.gcommon.container.adminplugins.unhealthy.Activator.class;
        default -> org.gcommon.container.adminplugins.blocking.Activator.class;
        };
    }

    private void assertProbe(String state, String version) throws IOException, InterruptedException {
        JsonNode probe = http.plugin(PROBE).orElseThrow(() -> new AssertionError(PROBE + " is not listed"));
        assertThat(probe.path("state").asText()).as(probe.toString()).isEqualTo(state);
        assertThat(probe.path("version").asText()).as(probe.toString()).isEqualTo(version);
    }

    private JsonNode lastUpdate() throws IOException, InterruptedException {
        ContainerHttp.Response response = http.get("/api/plugins/" + PROBE);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.body().path("lastUpdate");
    }

    private List<JsonNode> events() throws IOException, InterruptedException {
        ContainerHttp.Response response = http.get("/api/events?limit=500");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        List<JsonNode> out = new java.util.ArrayList<>();
        response.body().path("events").forEach(out::add);
        return out;
    }

    private void put(String token, String part, Map<String, Object> body) throws IOException, InterruptedException {
        ContainerHttp.Response response = http.send("PUT", "/api/plugins/" + PROBE + part, token, "application/json",
                ContainerHttp.json(body));
        assertThat(response.status()).as("PUT " + part + ": " + response.text()).isIn(200, 204);
    }

    private static void copyFiles(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
