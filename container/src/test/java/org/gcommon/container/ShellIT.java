package org.gcommon.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

/**
 * The Gogo shell on the container's terminal, as an operator types into it: {@code bin/gcommon start}
 * runs under a pseudo-terminal ({@code script}, from util-linux), so the shell reads commands as it
 * does for a person at the keyboard.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShellIT {

    private static final String SAMPLE = "memory-cache";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(50);

    @TempDir
    static Path work;

    private Path home;
    private Path output;
    private Process terminal;
    private OutputStream keyboard;
    private ContainerHttp http;

    @RegisterExtension
    final TestWatcher printOutputOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            System.out.println("---- terminal ----");
            System.out.println(ContainerProcess.read(output));
        }
    };

    @BeforeAll
    void startOnATerminal() throws Exception {
        home = work.resolve("home");
        output = work.resolve("terminal.txt");
        int port = ContainerProcess.freePort();
        http = new ContainerHttp(port);
        String command = ContainerProcess.distDir().resolve("bin/gcommon") + " start --home " + home + " --port " + port;
        ProcessBuilder builder = new ProcessBuilder(List.of("script", "-qefc", command, "/dev/null"))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("JAVA_OPTS");
        builder.environment().put("TERM", "dumb");
        terminal = builder.start();
        keyboard = terminal.getOutputStream();
        await().atMost(TIMEOUT).pollInterval(POLL).ignoreExceptions().until(() -> http.state(SAMPLE), "ACTIVE"::equals);
        // The shell's commands are there once the console's component is: the first answer shows it.
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
            type("plugin:health");
            return ContainerProcess.read(output).contains("status: ");
        });
    }

    @AfterAll
    void endTheShell() throws Exception {
        if (terminal != null) {
            keyboard.close(); // end of input: the shell stops the framework
            if (!terminal.waitFor(ContainerProcess.STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                terminal.destroyForcibly();
            }
        }
    }

    @Test
    @Order(1)
    void listsThePluginsAsATable() throws Exception {
        type("plugin:list");

        awaitOutput(SAMPLE + "\\s+1\\.0\\.0\\s+PROVIDER\\s+ACTIVE\\s+HEALTHY.*");
    }

    @Test
    @Order(2)
    void stopsAndStartsAPlugin() throws Exception {
        type("plugin:stop " + SAMPLE);
        await().atMost(TIMEOUT).pollInterval(POLL).until(() -> http.state(SAMPLE), "STOPPED"::equals);
        awaitOutput(SAMPLE + " 1\\.0\\.0: STOPPED \\(state STOPPED\\)");

        type("plugin:start " + SAMPLE);
        await().atMost(TIMEOUT).pollInterval(POLL).until(() -> http.state(SAMPLE), "ACTIVE"::equals);
        awaitOutput(SAMPLE + " 1\\.0\\.0: STARTED \\(state ACTIVE\\)");
    }

    @Test
    @Order(3)
    void showsGrantsAndRecentEvents() throws Exception {
        type("plugin:grant " + SAMPLE);
        awaitOutput("\\(no permissions granted to " + SAMPLE + "\\)");

        type("plugin:events");
        awaitOutput(".*" + SAMPLE + "\\s+STOPPED.*");
    }

    @Test
    @Order(4)
    void namesAnUnknownPlugin() throws Exception {
        type("plugin:stop no-such-plugin");

        awaitOutput(".*no-such-plugin.*");
        assertThat(http.state(SAMPLE)).isEqualTo("ACTIVE");
    }

    private void type(String line) throws IOException {
        keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    private void awaitOutput(String lineRegex) {
        await().atMost(TIMEOUT).pollInterval(POLL).untilAsserted(() -> assertThat(
                ContainerProcess.read(output).replace("\r", "").lines()
                        .map(l -> l.replaceAll("\u001B\\[[0-9;?]*[A-Za-z]", "").replaceFirst("^g! ", "").strip()))
                .anySatisfy(l -> assertThat(l).matches(lineRegex)));
    }
}
