package org.gcommon.plugin.sdk.itests;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The built distribution's bin/gcommon, started as a user starts it, and its HTTP API on the loopback address. */
final class Container implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path home;
    private final Path output;
    private final int port;

    private Container(Process process, Path home, Path output, int port) {
        this.process = process;
        this.home = home;
        this.output = output;
        this.port = port;
    }

    static Path distribution() {
        return Path.of(System.getProperty("gcommon.dist.dir", "../container/target/gcommon")).toAbsolutePath().normalize();
    }

    /** Starts {@code bin/gcommon start --home HOME --port PORT} on a free port. */
    static Container start(Path home) throws IOException {
        int port = freePort();
        Path output = home.resolveSibling(home.getFileName() + ".out");
        ProcessBuilder builder = new ProcessBuilder(distribution().resolve("bin/gcommon").toString(), "start", "--home",
                home.toString(), "--port", String.valueOf(port))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("JAVA_OPTS");
        return new Container(builder.start(), home, output, port);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    Path home() {
        return home;
    }

    int port() {
        return port;
    }

    String output() throws IOException {
        return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** @return the entry of {@code GET /health} for the plugin (name, state, health), if listed */
    Optional<JsonNode> healthEntry(String plugin) {
        return healthEntry(port, plugin);
    }

    static Optional<JsonNode> healthEntry(int port, String plugin) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode p : JSON.readTree(response.body()).path("plugins")) {
                if (plugin.equals(p.path("name").asText())) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** @return {@code GET /api/plugins/{name}}, when the plugin is listed */
    Optional<JsonNode> plugin(String name) throws IOException, InterruptedException {
        return plugin(port, name);
    }

    /** @return {@code GET /api/plugins/{name}} of the container on the port, when the plugin is listed */
    static Optional<JsonNode> plugin(int port, String name) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/plugins/" + name)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(75, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
