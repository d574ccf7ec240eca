package org.gcommon.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;

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
 * The built distribution as a user runs it: {@code bin/gcommon start} on a fresh home, plugins
 * dropped into and deleted from {@code deploy/}, bad jars next to good ones, a restart.
 * The steps build on each other, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributionIT {

    private static final String SAMPLE = "memory-cache";
    private static final String DROPPED = "test.dropped";
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(50);

    @TempDir
    static Path work;

    private Path home;
    private Path output;
    private int port;
    private ContainerProcess container;
    private ContainerHttp http;

    @RegisterExtension
    final TestWatcher printLogsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            System.out.println("---- " + home.resolve("log/gcommon.log") + " ----");
            System.out.println(ContainerProcess.read(home.resolve("log/gcommon.log")));
            System.out.println("---- process output " + output + " ----");
            System.out.println(ContainerProcess.read(output));
        }
    };

    @BeforeAll
    void startOnAFreshHome() throws Exception {
        home = work.resolve("home");
        output = work.resolve("container-output.txt");
        port = ContainerProcess.freePort();
        http = new ContainerHttp(port);
        container = ContainerProcess.start(output, "start", "--home", home.toString(), "--port", Integer.toString(port));
    }

    @AfterAll
    void destroyContainer() {
        if (container != null) {
            container.close();
        }
    }

    @Test
    @Order(1)
    void answersHealthWithTheSamplePluginActive() {
        awaitHealthyWithSample();
        System.out.println("gcommon distribution: process start to /health 200 with " + SAMPLE + " ACTIVE: "
                + container.millisSinceStart() + " ms");

        assertThat(home.resolve("deploy")).isDirectory();
        assertThat(home.resolve("etc")).isDirectory();
        assertThat(home.resolve("data/cache")).isDirectory();
        // the launcher prints its line once it has seen /health answer too
        await().atMost(CHANGE_TIMEOUT).pollInterval(POLL).untilAsserted(() -> assertThat(
                ContainerProcess.read(home.resolve("log/gcommon.log")).lines())
                .anySatisfy(line -> assertThat(line)
                        .startsWith("gcommon started in ")
                        .contains("http://127.0.0.1:" + port + "/health")
                        .endsWith("deploy: " + home.resolve("deploy"))));
    }

    @Test
    @Order(2)
    void startsABundleDroppedIntoDeploy() throws Exception {
        Path jar = TestBundles.bundle(work.resolve("build/test.dropped.jar"), DROPPED, "1.0.0");

        long dropped = System.nanoTime();
        Files.copy(jar, home.resolve("deploy/test.dropped.jar"));
        await().atMost(CHANGE_TIMEOUT).pollInterval(POLL).ignoreExceptions()
                .until(() -> http.state(DROPPED), "ACTIVE"::equals);
        System.out.println("gcommon distribution: drop into deploy/ to ACTIVE in /api/plugins: "
                + Duration.ofNanos(System.nanoTime() - dropped).toMillis() + " ms");

        assertThat(http.plugin(DROPPED)).hasValueSatisfying(p -> {
            assertThat(p.path("version").asText()).isEqualTo("1.0.0");
            assertThat(p.path("state").asText()).isEqualTo("ACTIVE");
        });
    }

    @Test
    @Order(3)
    void rejectsADuplicateUnderItsFileNameAndKeepsTheFirst() throws Exception {
        Files.copy(home.resolve("deploy/test.dropped.jar"), home.resolve("deploy/test.dropped-copy.jar"));

        await().atMost(CHANGE_TIMEOUT).pollInterval(POLL).ignoreExceptions()
                .until(() -> http.state("test.dropped-copy.jar"), "REJECTED"::equals);

        assertThat(http.plugin("test.dropped-copy.jar")).hasValueSatisfying(
                p -> assertThat(p.path("reasons")).isNotEmpty());
        assertThat(http.state(DROPPED)).isEqualTo("ACTIVE");

        Files.delete(home.resolve("deploy/test.dropped-copy.jar"));
        await().atMost(CHANGE_TIMEOUT).pollInterval(POLL).ignoreExceptions()
                .until(() -> http.plugin("test.dropped-copy.jar"), Optional::isEmpty);
        assertThat(http.state(DROPPED)).isEqualTo("ACTIVE");
    }

    @Test
    @Order(4)
    void rejectsAJarThatIsNoZipAndStaysHealthy() throws Exception {
        Path garbage = Files.writeString(work.resolve("not-a-bundle.jar"), "this is not a zip archive\n");
        Files.copy(garbage, home.resolve("deploy/not-a-bundle.jar"));

        await().atMost(CHANGE_TIMEOUT).pollInterval(POLL).ignoreExceptions()
                .until(() -> http.state("not-a-bundle.jar"), "REJECTED"::equals);

        JsonNode rejected = http.plugin("not-a-bundle.jar").orElseThrow();
        assertThat(rejected.path("reasons")).isNotEmpty();
        assertThat(rejected.path("reasons").get(0).asText()).isNotBlank();
        assertThat(ContainerProcess.read(home.resolve("log/gcommon.log")).lines())
                .anySatisfy(line -> assertThat(line).contains("ERROR").contains("not-a-bundle.jar"));
        assertThat(http.get("/health").status()).isEqualTo(200);
        assertThat(http.state(SAMPLE)).isEqualTo("ACTIVE");
        assertThat(http.state(DROPPED)).isEqualTo("ACTIVE");
    }

    @Test
    @Order(5)
    void keepsPluginsAcrossACleanRestart() throws Exception {
        int status = container.stop();

        assertThat(status).as("exit status after SIGTERM").isZero();
        assertThat(ContainerProcess.read(home.resolve("log/gcommon.log"))).contains("gcommon stopped");

        container = ContainerProcess.start(output, "start", "--home", home.toString(), "--port", Integer.toString(port));
        awaitHealthyWithSample();
        System.out.println("gcommon distribution: restart to /health 200 with " + SAMPLE + " ACTIVE: "
                + container.millisSinceStart() + " ms");
        await().atMost(CHANGE_TIMEOUT).pollInterval(POLL).ignoreExceptions()
                .until(() -> http.state(DROPPED), "ACTIVE"::equals);
        assertThat(http.plugin("test.dropped-copy.jar")).isEmpty();
    }

    @Test
    @Order(6)
    void uninstallsABundleDeletedFromDeploy() throws Exception {
        Files.delete(home.resolve("deploy/test.dropped.jar"));

        await().atMost(CHANGE_TIMEOUT).pollInterval(POLL).ignoreExceptions()
                .until(() -> http.plugin(DROPPED), Optional::isEmpty);
        assertThat(http.state(SAMPLE)).isEqualTo("ACTIVE");
        assertThat(http.get("/health").status()).isEqualTo(200);
    }

    @Test
    @Order(7)
    void updatesABundleReplacedInDeploy() throws Exception {
        Path v1 = TestBundles.bundle(work.resolve("build/v1/test.replaced.jar"), "test.replaced", "1.0.0");
        Path v2 = TestBundles.bundle(work.resolve("build/v2/test.replaced.jar"), "test.replaced", "2.0.0");
        Files.copy(v1, home.resolve("deploy/test.replaced.jar"));
        await().atMost(CHANGE_TIMEOUT).pollInterval(POLL).ignoreExceptions()
                .until(() -> http.state("test.replaced"), "ACTIVE"::equals);

        Files.copy(v2, home.resolve("deploy/test.replaced.jar"), StandardCopyOption.REPLACE_EXISTING);

        await().atMost(CHANGE_TIMEOUT).pollInterval(POLL).ignoreExceptions()
                .until(() -> http.plugin("test.replaced").map(p -> p.path("version").asText() + " "
                        + p.path("state").asText()).orElse(""), "2.0.0 ACTIVE"::equals);
    }

    private void awaitHealthyWithSample() {
        await().atMost(BOOT_TIMEOUT).pollInterval(POLL).ignoreExceptions().untilAsserted(() -> {
            assertThat(container.isAlive()).as("container process alive").isTrue();
            ContainerHttp.Response health = http.get("/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.body().path("plugins")).anySatisfy(p -> {
                assertThat(p.path("name").asText()).isEqualTo(SAMPLE);
                assertThat(p.path("state").asText()).isEqualTo("ACTIVE");
            });
        });
    }
}
