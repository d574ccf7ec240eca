package org.gcommon.plugin.sdk.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * {@code mvn gcommon:run} in a generated project: a container from the distribution zip with the
 * project's jar deployed; a rebuilt jar is redeployed; stopping Maven (what Ctrl-C does) stops the container.
 */
class RunGoalIT {

    @Test
    void runsTheProjectInAContainerAndRedeploysARebuiltJar() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "run-goal").toAbsolutePath());
        Path project = GoldenProjects.copySources("middleware", work);
        int port = Container.freePort();
        Path log = work.resolve("run.log");
        Process maven = MavenFork.builder(project, log, "gcommon:run", "-DskipTests", "-Dgcommon.run.port=" + port,
                "-Dgcommon.run.pollMillis=200").start();
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                assertThat(maven.isAlive()).as("mvn gcommon:run is running; its output:\n%s", read(log)).isTrue();
                JsonNode entry = Container.healthEntry(port, "acme-middleware").orElse(null);
                assertThat(entry).as("acme-middleware listed").isNotNull();
                assertThat(entry.path("state").asText()).isEqualTo("ACTIVE");
                assertThat(entry.path("health").path("status").asText()).isEqualTo("HEALTHY");
            });
            assertThat(read(log)).contains("Deployed acme-middleware-1.0.0-SNAPSHOT.jar");
            JsonNode before = Container.plugin(port, "acme-middleware").orElseThrow();

            // a rebuild, as 'mvn package' in another terminal would make it: same bundle, new bytes
            rebuild(project.resolve("target/acme-middleware-1.0.0-SNAPSHOT.jar"));

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                assertThat(read(log)).contains("Redeployed acme-middleware-1.0.0-SNAPSHOT.jar");
                JsonNode after = Container.plugin(port, "acme-middleware").orElseThrow();
                assertThat(after.path("state").asText()).isEqualTo("ACTIVE");
                assertThat(after.path("bundleId").asLong()).as("updated in place").isEqualTo(before.path("bundleId").asLong());
                assertThat(after.path("stateSince").asText()).as("started again").isNotEqualTo(before.path("stateSince").asText());
            });
        } finally {
            maven.destroy();
            assertThat(maven.waitFor(90, TimeUnit.SECONDS)).as("mvn ends on SIGTERM").isTrue();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(Container.healthEntry(port, "acme-middleware")).as("the container stopped with Maven").isEmpty());
    }

    /** Rewrites the jar with one more entry: a new build of the same bundle. */
    private static void rebuild(Path jar) throws IOException {
        Path next = jar.resolveSibling(jar.getFileName() + ".next");
        try (InputStream in = Files.newInputStream(jar); ZipInputStream zin = new ZipInputStream(in);
                OutputStream out = Files.newOutputStream(next); ZipOutputStream zout = new ZipOutputStream(out)) {
            for (ZipEntry e = zin.getNextEntry(); e != null; e = zin.getNextEntry()) {
                zout.putNextEntry(new ZipEntry(e.getName()));
                zin.transferTo(zout);
                zout.closeEntry();
            }
            zout.putNextEntry(new ZipEntry("META-INF/rebuilt.txt"));
            zout.write("rebuilt".getBytes(StandardCharsets.UTF_8));
            zout.closeEntry();
        }
        Files.move(next, jar, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
