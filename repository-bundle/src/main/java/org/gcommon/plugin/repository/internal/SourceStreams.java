package org.gcommon.plugin.repository.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** Opens what a repository points at: a local file, or an http(s) URL with timeouts. */
final class SourceStreams {

    private final Duration timeout;

    SourceStreams(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * @param uri a file, http or https URI
     * @return the content; the caller closes it
     * @throws IOException when it cannot be opened (the message names the URI)
     */
    InputStream open(URI uri) throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "file":
                return Files.newInputStream(Path.of(uri));
            case "http":
            case "https":
                URLConnection connection = uri.toURL().openConnection();
                connection.setConnectTimeout((int) timeout.toMillis());
                connection.setReadTimeout((int) timeout.toMillis());
                connection.setUseCaches(false);
                if (connection instanceof HttpURLConnection http) {
                    http.setInstanceFollowRedirects(true);
                    int status = http.getResponseCode();
                    if (status != HttpURLConnection.HTTP_OK) {
                        http.disconnect();
                        throw new IOException(uri + " answered HTTP " + status);
                    }
                }
                return connection.getInputStream();
            default:
                throw new IOException(uri + ": only file, http and https sources are read");
        }
    }
}
