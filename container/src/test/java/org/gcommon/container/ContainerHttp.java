package org.gcommon.container;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The container's HTTP API on the loopback address, with bounded timeouts. */
public final class ContainerHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final int port;

    public ContainerHttp(int port) {
        this.port = port;
    }

    /** A response: status and JSON body (a missing node when the body is no JSON). */
    public record Response(int status, JsonNode body, String text, java.net.http.HttpHeaders headers) {
        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    public Response get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).GET().build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            body = JSON.missingNode();
        }
        return new Response(response.statusCode(), body == null ? JSON.missingNode() : body, response.body(),
                response.headers());
    }

    /**
     * @param method      POST, PUT or DELETE
     * @param path        e.g. {@code /api/plugins/x/stop}
     * @param token       the admin token to send, or {@code null} to send none
     * @param contentType the body's type, or {@code null} for no body
     * @param body        the body
     */
    public Response send(String method, String path, String token, String contentType, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode parsed;
        try {
            parsed = JSON.readTree(response.body());
        } catch (IOException e) {
            parsed = JSON.missingNode();
        }
        return new Response(response.statusCode(), parsed == null ? JSON.missingNode() : parsed, response.body(),
                response.headers());
    }

    /** @return {@code value} as a JSON document */
    public static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the entries of {@code GET /api/plugins} (a JSON array, or an object with a {@code plugins} array) */
    public List<JsonNode> plugins() throws IOException, InterruptedException {
        Response response = get("/api/plugins");
        if (response.status() != 200) {
            throw new AssertionError("GET /api/plugins answered " + response.status() + ": " + response.text());
        }
        JsonNode list = response.body().isArray() ? response.body() : response.body().path("plugins");
        List<JsonNode> out = new ArrayList<>();
        list.forEach(out::add);
        return out;
    }

    /** @return the entry named {@code name} in {@code GET /api/plugins} */
    public Optional<JsonNode> plugin(String name) throws IOException, InterruptedException {
        return plugins().stream().filter(p -> name.equals(p.path("name").asText())).findFirst();
    }

    /** @return the state of the entry named {@code name} in {@code /api/plugins}, or "(absent)" */
    public String state(String name) throws IOException, InterruptedException {
        return plugin(name).map(p -> p.path("state").asText()).orElse("(absent)");
    }
}
