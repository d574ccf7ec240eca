package org.gcommon.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wrong usage of bin/gcommon: one clear line, status 2, nothing created. */
class LauncherUsageIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path work;

    @Test
    void refusesAPortThatIsNoNumber() throws Exception {
        Path home = work.resolve("home");

        int status = run("start", "--home", home.toString(), "--port", "abc");

        assertThat(status).isEqualTo(2);
        assertThat(output()).isEqualTo(
                "gcommon: --port 'abc': not a port number: use a number from 1 to 65535, e.g. --port 8181\n");
        assertThat(home).doesNotExist();
    }

    @Test
    void refusesAnUnknownOption() throws Exception {
        Path home = work.resolve("home");

        int status = run("start", "--home", home.toString(), "--verbose");

        assertThat(status).isEqualTo(2);
        assertThat(output()).isEqualTo("gcommon: unknown option '--verbose' for 'gcommon start': use "
                + "gcommon start [--home DIR] [--port N] [--insecure]\n");
        assertThat(home).doesNotExist();
    }

    @Test
    void refusesAHomeThatIsAFile() throws Exception {
        Path file = Files.writeString(work.resolve("notes.txt"), "not a home\n");

        int status = run("start", "--home", file.toString(), "--port", "8181");

        assertThat(status).isEqualTo(2);
        assertThat(output()).isEqualTo("gcommon: --home " + file + ": is a file, not a directory: "
                + "give a directory (gcommon creates it when missing)\n");
        assertThat(file).hasContent("not a home");
    }

    @Test
    void refusesAPortInUse() throws Exception {
        Path home = work.resolve("home");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            int status = run("start", "--home", home.toString(), "--port", Integer.toString(port));

            assertThat(status).isEqualTo(2);
            assertThat(output()).isEqualTo("gcommon: port " + port + " on 127.0.0.1 is already in use: "
                    + "stop what listens there, or start with another --port N\n");
        }
        assertThat(home).doesNotExist();
    }

    @Test
    void refusesAMissingCommand() throws Exception {
        int status = run();

        assertThat(status).isEqualTo(2);
        assertThat(output()).isEqualTo("gcommon: no command given: use gcommon start [--home DIR] [--port N] [--insecure]\n");
    }

    @Test
    void worksThroughASymlink() throws Exception {
        Path link = Files.createSymbolicLink(work.resolve("gcommon"),
                ContainerProcess.distDir().resolve("bin/gcommon"));

        ProcessBuilder builder = new ProcessBuilder(link.toString(), "--help").redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        String text = new String(process.getInputStream().readAllBytes());

        assertThat(process.waitFor()).isZero();
        assertThat(text).startsWith("Usage: gcommon start [--home DIR] [--port N] [--insecure]");
    }

    private int run(String... args) throws Exception {
        return ContainerProcess.run(work.resolve("output.txt"), TIMEOUT, args);
    }

    private String output() {
        return ContainerProcess.read(work.resolve("output.txt"));
    }
}
