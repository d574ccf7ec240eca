package org.gcommon.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * On a JDK without a SecurityManager (Java 24+, JEP 486) and without the enforcement agent
 * ({@code GCOMMON_SANDBOX=none}; {@code bin/gcommon} attaches the agent by default) the sandbox cannot be
 * enforced: the container says so, /health is DEGRADED with the reason and names no enforcer, and plugins
 * do not start unless --insecure is given.
 * Runs on a Java 24+ JDK (GCOMMON_JDK_NO_SM, else the Temurin 25 of these machines; missing, it fails).
 */
class NoSecurityManagerIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path work;

    /** @return GCOMMON_JDK_NO_SM, else the JDK 25 of {@link SandboxOnJdk25IT} (which fails, naming what to install, without one) */
    static Path jdk() {
        String configured = System.getenv("GCOMMON_JDK_NO_SM");
        return configured != null && Files.isExecutable(Path.of(configured, "bin/java")) ? Path.of(configured)
                : SandboxOnJdk25IT.jdk25();
    }

    private Process start(Path home, int port, boolean insecure) throws Exception {
        List<String> command = new ArrayList<>(List.of(ContainerProcess.distDir().resolve("bin/gcommon").toString(),
                "start", "--home", home.toString(), "--port", Integer.toString(port)));
        if (insecure) {
            command.add("--insecure");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("output-" + port + ".txt").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("JAVA_HOME", jdk().toString());
        builder.environment().remove("JAVA_OPTS");
        builder.environment().put("GCOMMON_SANDBOX", "none");
        return builder.start();
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static JsonNode entry(ContainerHttp.Response health, String name) {
        for (JsonNode p : health.body().path("plugins")) {
            if (name.equals(p.path("name").asText())) {
                return p;
            }
        }
        return null;
    }

    @Test
    void withoutSecurityManagerPluginsWaitAndHealthSaysWhy() throws Exception {
        int port = ContainerProcess.freePort();
        ContainerHttp http = new ContainerHttp(port);
        Process container = start(work.resolve("home"), port, false);
        try {
            await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
                ContainerHttp.Response health = http.get("/health");
                assertThat(health.status()).isEqualTo(200);
                assertThat(health.body().path("status").asText()).isEqualTo("DEGRADED");
                assertThat(health.body().path("sandbox").path("enforcer").asText()).isEqualTo("none");
                assertThat(health.body().path("runtimeProblems").get(0).asText()).contains("no SecurityManager")
                        .contains("plugins are not started").contains("--insecure");
                // deployed, never started: the sample's bundle is there, its plugin never ran
                assertThat(http.plugins()).anySatisfy(p -> assertThat(p.path("symbolicName").asText())
                        .isEqualTo("org.gcommon.plugin.sample.cache"));
            });
            assertThat(http.plugins()).noneSatisfy(p -> assertThat(p.path("state").asText()).isEqualTo("ACTIVE"));
            assertThat(ContainerProcess.read(work.resolve("home/log/gcommon.log")))
                    .contains("Plugin sandbox not enforced").contains("Plugins are not started");
        } finally {
            stop(container);
        }
    }

    @Test
    void insecureRunsPluginsAndHealthKeepsSayingSo() throws Exception {
        int port = ContainerProcess.freePort();
        ContainerHttp http = new ContainerHttp(port);
        Process container = start(work.resolve("insecure-home"), port, true);
        try {
            await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
                ContainerHttp.Response health = http.get("/health");
                assertThat(health.body().path("status").asText()).isEqualTo("DEGRADED");
                assertThat(health.body().path("runtimeProblems").get(0).asText()).contains("INSECURE");
                assertThat(entry(health, "memory-cache").path("state").asText()).isEqualTo("ACTIVE");
            });
        } finally {
            stop(container);
        }
    }
}
