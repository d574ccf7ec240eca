package org.gcommon.container;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * The command-line client's side of the HTTP API: one request at a time, with the admin token for
 * changes, and a line of progress every few seconds while a long operation (a Maven download, an
 * update waiting for its health gate) runs.
 */
final class AdminClient {

    /** An HTTP answer with its JSON body ({@link NullNode} when the body was not JSON). */
    record Answer(int status, JsonNode body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** A request body and its Content-Type. */
    record Body(HttpRequest.BodyPublisher publisher, String contentType) {
    }

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

    private final String baseUrl;
    private final TokenSource token;
    private final Duration timeout;
    private final PrintStream progress;
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http;

    /** Where the admin token comes from, read only when a change needs it. */
    @FunctionalInterface
    interface TokenSource {
        String token() throws ClientException;
    }

    AdminClient(String baseUrl, TokenSource token, Duration timeout, PrintStream progress) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.timeout = timeout;
        this.progress = progress;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    ObjectMapper mapper() {
        return mapper;
    }

    String baseUrl() {
        return baseUrl;
    }

    Answer get(String path) throws ClientException {
        return send(HttpRequest.newBuilder(uri(path)).GET(), null, path);
    }

    /**
     * @param method   POST, PUT or DELETE
     * @param path     e.g. {@code /api/plugins/x/stop}
     * @param body     the body, or {@code null}
     * @param activity what to say while waiting, or {@code null} to say nothing
     */
    Answer change(String method, String path, Body body, String activity) throws ClientException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body.publisher())
                .header("Authorization", "Bearer " + token.token());
        if (body != null) {
            request.header("Content-Type", body.contentType());
        }
        Answer answer = send(request, activity, path);
        if (answer.status() == 401) {
            throw new ClientException(ClientException.EXIT_UNAUTHORIZED, "the container refused the admin token: "
                    + text(answer.body(), "error") + " (the token in etc/admin.token of --home must be the one of the "
                    + "container at " + baseUrl + ")");
        }
        return answer;
    }

    Body json(Object value) {
        try {
            return new Body(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(value)), "application/json");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer send(HttpRequest.Builder request, String activity, String path) throws ClientException {
        request.timeout(timeout).header("Accept", "application/json");
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request.build(),
                HttpResponse.BodyHandlers.ofByteArray());
        long begin = System.nanoTime();
        try {
            while (true) {
                try {
                    HttpResponse<byte[]> response = pending.get(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                    return new Answer(response.statusCode(), parse(response.body()));
                } catch (TimeoutException e) {
                    if (activity != null) {
                        long seconds = Duration.ofNanos(System.nanoTime() - begin).toSeconds();
                        progress.println("  … " + activity + " (" + seconds + " s)");
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.cancel(true);
            throw new ClientException(ClientException.EXIT_REFUSED, "interrupted while waiting for " + path);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw new ClientException(ClientException.EXIT_REFUSED, path + " did not answer within "
                        + timeout.toSeconds() + " s: the container may still be working on it; check with "
                        + "`gcommon events`, or give more time with --timeout SECONDS");
            }
            if (cause instanceof ConnectException || cause instanceof IOException) {
                throw new ClientException(ClientException.EXIT_UNREACHABLE, "no container answers at " + baseUrl + " ("
                        + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
                        + "): start it with `gcommon start`, or point the client at it with --home DIR or --port N");
            }
            throw new ClientException(ClientException.EXIT_REFUSED, path + " failed: " + cause);
        }
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode node = body.length == 0 ? null : mapper.readTree(body);
            return node == null ? NullNode.getInstance() : node;
        } catch (IOException e) {
            return NullNode.getInstance();
        }
    }

    private URI uri(String path) throws ClientException {
        try {
            return URI.create(baseUrl + path);
        } catch (IllegalArgumentException e) {
            throw new ClientException(ClientException.EXIT_REFUSED, "cannot make a URL of " + baseUrl + path + ": "
                    + e.getMessage());
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }
}
