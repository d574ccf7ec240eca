package org.gcommon.container;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The built distribution's {@code bin/gcommon}, run as a separate process like a user runs it. */
public final class ContainerProcess implements AutoCloseable {

    /** Bounds a clean stop: the container gives plugins up to 60 s. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(75);

    private final Process process;
    private final Path output;
    private final long startedNanos;

    private ContainerProcess(Process process, Path output, long startedNanos) {
        this.process = process;
        this.output = output;
        this.startedNanos = startedNanos;
    }

    /** @return the distribution directory built by this module ({@code target/gcommon}) */
    public static Path distDir() {
        return Path.of(System.getProperty("gcommon.dist.dir", "target/gcommon")).toAbsolutePath();
    }

    /**
     * @param output where the process's stdout and stderr go (appended)
     * @param args   the arguments of {@code bin/gcommon}
     * @return the running process
     * @throws IOException when it cannot be started
     */
    public static ContainerProcess start(Path output, String... args) throws IOException {
        return start(Path.of(System.getProperty("java.home")), output, args);
    }

    /**
     * @param javaHome the JDK to run the container on (JAVA_HOME of {@code bin/gcommon})
     * @param output   where the process's stdout and stderr go (appended)
     * @param args     the arguments of {@code bin/gcommon}
     * @return the running process
     * @throws IOException when it cannot be started
     */
    public static ContainerProcess start(Path javaHome, Path output, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(distDir().resolve("bin/gcommon").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        // the JDK asked for (by default the one running the tests), whatever PATH holds
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().remove("GCOMMON_SANDBOX");
        builder.environment().remove("JAVA_OPTS");
        long started = System.nanoTime();
        return new ContainerProcess(builder.start(), output, started);
    }

    /**
     * Runs {@code bin/gcommon} to its end.
     *
     * @return the exit status
     */
    public static int run(Path output, Duration timeout, String... args) throws IOException, InterruptedException {
        try (ContainerProcess process = start(output, args)) {
            if (!process.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("bin/gcommon did not end within " + timeout + ": " + process.output());
            }
            return process.process.exitValue();
        }
    }

    /** @return the milliseconds since the process was started */
    public long millisSinceStart() {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** @return the container JVM's process id ({@code bin/gcommon} execs java) */
    public long pid() {
        return process.pid();
    }

    /**
     * Sends SIGTERM (what Ctrl-C or a service manager does) and waits for the process to end.
     *
     * @return the exit status
     */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("the container did not stop within " + STOP_TIMEOUT + " of SIGTERM");
        }
        return process.exitValue();
    }

    /** @return what the process printed so far */
    public String output() {
        return read(output);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a port nothing listens on now, on the loopback address */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
