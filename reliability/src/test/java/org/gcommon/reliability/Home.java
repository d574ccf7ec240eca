package org.gcommon.reliability;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.gcommon.container.ContainerHttp;
import org.gcommon.container.ContainerProcess;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A container home of its own (a copy of the distribution's {@code deploy/} and {@code etc/}) and the
 * container running on it, on a free loopback port: started, stopped with SIGTERM, killed with SIGKILL
 * ({@code kill -9}; {@code bin/gcommon} execs java, so the process is the JVM), started again.
 */
final class Home implements AutoCloseable {

    /** The distribution's sample plugins, by name. */
    static final List<String> SAMPLES = List.of("memory-cache", "backup-cache", "request-logging", "rate-limit", "metrics",
            "webhook");
    static final Duration BOOT_TIMEOUT = Duration.ofSeconds(60);
    static final Duration POLL = Duration.ofMillis(50);

    private final Path dir;
    private final Path output;
    private final int port;
    private final ContainerHttp http;
    private ContainerProcess process;
    private int starts;

    private Home(Path dir, int port) {
        this.dir = dir;
        this.output = dir.resolveSibling(dir.getFileName() + "-output.txt");
        this.port = port;
        this.http = new ContainerHttp(port);
    }

    /**
     * @param dir     the home to make (must not exist yet)
     * @param samples whether {@code deploy/} gets the distribution's sample plugins
     * @return the home, with {@code etc/} copied from the distribution; not started
     */
    static Home create(Path dir, boolean samples) throws IOException {
        Path dist = ContainerProcess.distDir();
        Files.createDirectories(dir.resolve("deploy"));
        copyFiles(dist.resolve("etc"), dir.resolve("etc"));
        if (samples) {
            copyFiles(dist.resolve("deploy"), dir.resolve("deploy"));
        }
        return new Home(dir, ContainerProcess.freePort());
    }

    Path dir() {
        return dir;
    }

    Path deploy() {
        return dir.resolve("deploy");
    }

    Path etc() {
        return dir.resolve("etc");
    }

    ContainerHttp http() {
        return http;
    }

    int port() {
        return port;
    }

    /** Appends lines to a file of {@code etc/}, before or while the container runs. */
    Home appendEtc(String file, String... lines) throws IOException {
        Files.writeString(etc().resolve(file), "\n" + String.join("\n", lines) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return this;
    }

    /** Starts the container and waits until {@code /health} answers 200 and the given plugins are ACTIVE. */
    Home start(List<String> activePlugins) throws IOException {
        Files.writeString(output, "---- start " + (++starts) + " ----\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        process = ContainerProcess.start(output, "start", "--home", dir.toString(), "--port", Integer.toString(port));
        awaitReady(activePlugins);
        return this;
    }

    void awaitReady(List<String> activePlugins) {
        await("the container at " + dir + " answering /health 200 with " + activePlugins + " ACTIVE").atMost(BOOT_TIMEOUT)
                .pollInterval(POLL).ignoreExceptions().until(() -> {
                    if (process != null && !process.isAlive()) {
                        throw new AssertionError("the container ended: " + process.output());
                    }
                    if (http.get("/health").status() != 200) {
                        return false;
                    }
                    Map<String, String> states = states();
                    return activePlugins.stream().allMatch(p -> "ACTIVE".equals(states.get(p)));
                });
    }

    /** The container's admin token (written at first start). */
    String token() throws IOException {
        return Files.readString(etc().resolve("admin.token")).strip();
    }

    /** @return the plugins' states by name, from {@code GET /api/plugins} */
    Map<String, String> states() throws IOException, InterruptedException {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode p : http.plugins()) {
            out.put(p.path("name").asText(), p.path("state").asText());
        }
        return out;
    }

    /** {@code kill -9}: the JVM ends at once, nothing of it runs afterwards. */
    void kill() {
        Objects.requireNonNull(process, "not started").close();
    }

    /** SIGTERM, and waits for the end. @return the exit status */
    int stop() throws InterruptedException {
        return Objects.requireNonNull(process, "not started").stop();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    String log() {
        return ContainerProcess.read(dir.resolve("log/gcommon.log"));
    }

    String output() {
        return ContainerProcess.read(output);
    }

    /** @return the jar names in {@code deploy/}, sorted */
    List<String> deployed() throws IOException {
        try (Stream<Path> files = Files.list(deploy())) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }

    private static void copyFiles(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(from)) {
            stream.forEach(files::add);
        }
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
