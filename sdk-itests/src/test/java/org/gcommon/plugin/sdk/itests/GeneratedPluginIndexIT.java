package org.gcommon.plugin.sdk.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The index {@code gcommon:index} writes in every generated project's {@code mvn verify}
 * ({@code target/index.xml}), used as it is by the built container's plugin repositories: each generated
 * plugin is listed by its plugin name and type with its jar's SHA-256, and installs by name.
 */
class GeneratedPluginIndexIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    @Test
    void theGeneratedProjectsIndexesListTheirPluginsAndOneInstallsByName() throws Exception {
        List<Path> indexes = GoldenProjects.TYPES.stream().map(t -> GoldenProjects.project(t).resolve("target/index.xml")).toList();
        assertThat(indexes).allSatisfy(index -> assertThat(index).as("written by gcommon:index in mvn verify").isRegularFile());
        try (Container container = Container.start(temp.resolve("home"))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !container.isAlive() || container.output().contains("gcommon started"));
            assertThat(container.isAlive()).as("container running; its output: %s", container.output()).isTrue();
            Files.writeString(container.home().resolve("etc/org.gcommon.plugin.repository.cfg"), "repositories = "
                    + indexes.stream().map(i -> i.toUri().toString()).collect(Collectors.joining(", ")) + "\n",
                    StandardCharsets.UTF_8);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> get(container, "/api/repository").path("repositories").size() == indexes.size());

            for (String type : GoldenProjects.TYPES) {
                JsonNode plugin = get(container, "/api/repository/plugins/" + GoldenProjects.pluginName(type));
                assertThat(plugin.path("name").asText()).as(plugin.toString()).isEqualTo(GoldenProjects.pluginName(type));
                assertThat(plugin.path("type").asText()).isEqualTo(type);
                JsonNode version = plugin.path("versions").get(0);
                assertThat(version.path("sha256").asText()).isEqualTo(sha256(GoldenProjects.jar(type)));
                assertThat(version.path("compatible").asBoolean()).as(version.toString()).isTrue();
            }

            String token = Files.readString(container.home().resolve("etc/admin.token")).strip();
            HttpResponse<String> installed = HTTP.send(HttpRequest.newBuilder(url(container, "/api/repository/install"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"acme-provider\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(installed.statusCode()).as(installed.body()).isEqualTo(201);
            JsonNode info = container.plugin("acme-provider").orElseThrow();
            assertThat(info.path("state").asText()).as(info.toString()).isEqualTo("ACTIVE");
            assertThat(info.path("type").asText()).isEqualTo("PROVIDER");
        }
    }

    private static JsonNode get(Container container, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url(container, path)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static URI url(Container container, String path) {
        return URI.create("http://127.0.0.1:" + container.port() + path);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)))
                .toLowerCase(Locale.ROOT);
    }
}
