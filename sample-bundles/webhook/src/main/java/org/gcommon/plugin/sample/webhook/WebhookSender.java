package org.gcommon.plugin.sample.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Posts JSON bodies to the webhook URL, and tells a remote that is down or overloaded (worth retrying)
 * from one that answers but refuses the event (retrying would not change the answer).
 */
final class WebhookSender {

    /** The remote did not take the event, and might if asked again: no answer, 5xx, 408 or 429. */
    static final class RemoteUnavailable extends IOException {
        private static final long serialVersionUID = 1L;

        RemoteUnavailable(String message) {
            super(message);
        }
    }

    private final HttpClient client;
    private final URI url;
    private final Duration timeout;

    WebhookSender(URI url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
        // Redirects are not followed: a webhook that moved should be reconfigured, not chased.
        // HTTP/1.1: one small POST gains nothing from HTTP/2, and some receivers mishandle the h2c upgrade.
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * @param json the body
     * @return the status: 2xx when delivered, else a status retrying would not change (3xx, most 4xx)
     * @throws IOException when the remote does not answer or answers that it cannot take the event now
     * @throws InterruptedException when the plugin is stopping
     */
    int post(String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status >= 500 || status == 408 || status == 429) {
            throw new RemoteUnavailable("HTTP " + status + " from " + url);
        }
        return status;
    }
}
