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
import org.gcommon.container.DeployJars;
import org.gcommon.container.HealthWatch;
import org.gcommon.container.TestBundles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Disk trouble under a running container: {@code data/} full, {@code data/} read-only, {@code deploy/}
 * read-only (real file systems: a small tmpfs and a read-only bind mount, so root only; skipped where
 * mounting is not allowed). What needs the disk fails with an error that says so, naming the jar or the
 * call; the plugins already running go on serving ({@code /gateway/echo} answers every request,
 * {@code /health} 200 in time); once the disk is back, the same action succeeds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DiskTroubleIT {

    private static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(30);
    /** Room for the framework cache of the runtime and the samples (about 20 MB), and not much more. */
    private static final int DATA_MEGABYTES = 64;

    @TempDir
    static Path work;

    private final Mounts mounts = new Mounts();
    private Home home;
    private ContainerHttp http;
    private LoadGenerator load;
    private HealthWatch health;
    private String token;

    @RegisterExtension
    final TestWatcher printLogsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            System.out.println("---- container log ----\n" + home.log());
        }
    };

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue(Mounts.available(), "mounting file systems needs root: the disk-trouble test runs as root only");
        home = Home.create(work.resolve("home"), true);
        Files.writeString(home.etc().resolve("rate-limit.cfg"), "rate.per.second = 1000000\nburst = 1000000\n");
        Files.writeString(home.etc().resolve("request-logging.cfg"), "log.requests = false\n");
        mounts.tmpfs(home.dir().resolve("data"), DATA_MEGABYTES);
        home.start(Home.SAMPLES);
        http = home.http();
        token = home.token();
        load = new LoadGenerator(URI.create("http://127.0.0.1:" + home.port() + "/gateway/echo"), 200, 2, 40,
                Duration.ofMinutes(3)).start("disk trouble");
        health = HealthWatch.start(http, Duration.ofMillis(250), Duration.ofSeconds(2));
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (load != null) {
                load.close();
                load.phases().forEach(p -> Figures.record("DiskTroubleIT", p.toString()));
                Figures.record("DiskTroubleIT", "GET /health asked " + health.answers() + " times, " + health.problems().size()
                        + " not a 200 within 2 s");
                health.close();
            }
        } finally {
            if (home != null) {
                home.kill();
            }
            mounts.close();
        }
    }

    @Test
    @Order(1)
    void aFullDataFolderRefusesNewJarsWithTheReasonAndKeepsThePluginsRunning() throws Exception {
        Files.createDirectories(work.resolve("builds"));
        Path filler = Mounts.fill(home.dir().resolve("data"));
        try {
            Path jar = DeployJars.bundle(work.resolve("builds/big.jar"), Map.of("Bundle-SymbolicName", "reliability.disk.full",
                    "Bundle-Version", "1.0.0"), Map.of("data/payload.txt", incompressible(1 << 20)));
            Jars.drop(jar, home.deploy(), "big.jar");

            JsonNode entry = await().atMost(CHANGE_TIMEOUT).pollInterval(Home.POLL)
                    .until(() -> entry("big.jar", "reliability.disk.full"), e -> e != null && !e.path("state").asText().isEmpty());
            Figures.record("DiskTroubleIT", "data/ full: deploy/big.jar " + describe(entry));
            assertThat(entry.path("state").asText()).isNotEqualTo("ACTIVE");
            assertThat(describe(entry)).as("the jar is listed with what went wrong").containsIgnoringCase("space");
            ContainerHttp.Response configured = http.send("PUT", "/api/plugins/memory-cache/config", token, "application/json",
                    ContainerHttp.json(Map.of("max.entries", "777")));
            Figures.record("DiskTroubleIT", "data/ full: PUT config answered " + configured.status() + " " + configured.text());
            assertThat(configured.status()).as(configured.text()).isNotEqualTo(500);
            assertRunningPluginsUnaffected();
        } finally {
            Files.delete(filler);
        }
        Files.setLastModifiedTime(home.deploy().resolve("big.jar"), java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() + 2000));
        await("installed once there is room").atMost(CHANGE_TIMEOUT).pollInterval(Home.POLL)
                .until(() -> http.state("reliability.disk.full"), "ACTIVE"::equals);
    }

    @Test
    @Order(2)
    void aReadOnlyDataFolderRefusesNewJarsWithTheReasonAndKeepsThePluginsRunning() throws Exception {
        // a read-only mount over data/: what the container has open stays open, nothing new can be written there
        mounts.bindReadOnly(home.dir().resolve("data"));
        try {
            TestBundles.bundle(work.resolve("builds/ro.jar"), "reliability.disk.readonly", "1.0.0");
            Jars.drop(work.resolve("builds/ro.jar"), home.deploy(), "ro.jar");
            JsonNode entry = await().atMost(CHANGE_TIMEOUT).pollInterval(Home.POLL)
                    .until(() -> entry("ro.jar", "reliability.disk.readonly"), e -> e != null && !e.path("state").asText().isEmpty());
            Figures.record("DiskTroubleIT", "data/ read-only: deploy/ro.jar " + describe(entry));
            assertThat(entry.path("state").asText()).isNotEqualTo("ACTIVE");
            assertThat(describe(entry)).containsIgnoringCase("read-only");
            assertRunningPluginsUnaffected();
        } finally {
            mounts.unmount(home.dir().resolve("data"));
        }
        Files.setLastModifiedTime(home.deploy().resolve("ro.jar"), java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() + 4000));
        await("installed once data/ is writable").atMost(CHANGE_TIMEOUT).pollInterval(Home.POLL)
                .until(() -> http.state("reliability.disk.readonly"), "ACTIVE"::equals);
    }

    @Test
    @Order(3)
    void aReadOnlyDeployFolderRefusesInstallsAndUninstallsThroughTheApiAndChangesNothing() throws Exception {
        List<String> before = home.deployed();
        Map<String, String> statesBefore = home.states();
        mounts.bindReadOnly(home.deploy());
        try {
            byte[] jar = Files.readAllBytes(TestBundles.bundle(work.resolve("builds/api.jar"), "reliability.disk.api", "1.0.0"));
            ContainerHttp.Response install = http.send("POST", "/api/plugins?file=api.jar", token, "application/java-archive", jar);
            ContainerHttp.Response uninstall = http.send("DELETE", "/api/plugins/reliability.disk.readonly", token, null, null);
            Figures.record("DiskTroubleIT", "deploy/ read-only: POST /api/plugins answered " + install.status() + " "
                    + install.text() + "; DELETE answered " + uninstall.status() + " " + uninstall.text());
            for (ContainerHttp.Response r : List.of(install, uninstall)) {
                assertThat(r.status()).as(r.text()).isBetween(400, 599).isNotEqualTo(500);
                assertThat(r.body().path("error").asText()).as(r.text()).contains("deploy");
                assertThat(r.text()).doesNotContain("\tat ");
            }
            assertThat(home.deployed()).isEqualTo(before);
            assertThat(home.states()).isEqualTo(statesBefore);
            assertRunningPluginsUnaffected();
        } finally {
            mounts.unmount(home.deploy());
        }
    }

    private void assertRunningPluginsUnaffected() throws Exception {
        assertThat(home.states()).containsAllEntriesOf(Map.of("memory-cache", "ACTIVE", "backup-cache", "ACTIVE",
                "request-logging", "ACTIVE", "rate-limit", "ACTIVE", "metrics", "ACTIVE", "webhook", "ACTIVE"));
        assertThat(http.get("/health").status()).isEqualTo(200);
        assertThat(load.get("disk trouble").failures()).isEmpty();
        assertThat(health.problems()).isEmpty();
    }

    /** @return random letters: a jar entry that does not compress (the scanner refuses what inflates like a zip bomb) */
    private static String incompressible(int length) {
        java.util.Random random = new java.util.Random(42);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) ('!' + random.nextInt(94)));
        }
        return out.toString();
    }

    /** @return the listing's entry under either name, or {@code null} */
    private JsonNode entry(String file, String name) throws Exception {
        return http.plugins().stream().filter(p -> file.equals(p.path("name").asText()) || name.equals(p.path("name").asText()))
                .findFirst().orElse(null);
    }

    private static String describe(JsonNode entry) {
        return entry.path("name").asText() + " " + entry.path("state").asText() + ": " + entry.path("lastError").asText("")
                + " " + entry.path("reasons");
    }
}
