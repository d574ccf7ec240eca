package org.gcommon.plugin.manager.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.gcommon.plugin.api.admin.AdminException;
import org.gcommon.plugin.api.admin.AdminException.Problem;
import org.osgi.service.url.URLStreamHandlerService;

/**
 * Fetches a jar named by a source into a file, bounded in size and time: Maven coordinates
 * {@code mvn:group/artifact/version[/type[/classifier]]} through Pax URL's {@code mvn:} handler (the
 * local repository, then the remote ones of {@code etc/org.ops4j.pax.url.mvn.cfg}), or a {@code file:},
 * {@code http:} or {@code https:} URL.
 */
final class JarSources {

    /** What was fetched: the file name the jar gets in deploy/. */
    record Fetched(String fileName) {
    }

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Supplier<URLStreamHandlerService> mvn;
    private final ExecutorService fetchers;

    JarSources(Supplier<URLStreamHandlerService> mvn, ExecutorService fetchers) {
        this.mvn = mvn;
        this.fetchers = fetchers;
    }

    /**
     * @param source   where the jar comes from
     * @param target   the file to write (created)
     * @param maxBytes the largest jar accepted
     * @param timeout  the longest the whole fetch may take
     * @return the jar's file name
     * @throws AdminException BAD_INPUT for a malformed source, an unknown scheme or a jar too large;
     *                        UNAVAILABLE for a source that could not be fetched
     */
    Fetched fetch(String source, Path target, long maxBytes, Duration timeout) throws AdminException {
        if (source == null || source.isBlank()) {
            throw new AdminException(Problem.BAD_INPUT, "No source given: name the jar as mvn:group/artifact/version, "
                    + "or a file:, http: or https: URL");
        }
        String s = source.trim();
        int colon = s.indexOf(':');
        String scheme = colon > 0 ? s.substring(0, colon).toLowerCase(java.util.Locale.ROOT) : "";
        Fetch fetch;
        String fileName;
        switch (scheme) {
        case "mvn" -> {
            fileName = mavenFileName(s);
            URLStreamHandlerService handler = mvn.get();
            if (handler == null) {
                throw new AdminException(Problem.UNAVAILABLE, "Cannot fetch " + s + ": no mvn: URL handler is "
                        + "installed; put the org.ops4j.pax.url.mvn bundle (pax-url-aether) into system/ and restart");
            }
            fetch = () -> openMaven(handler, s);
        }
        case "file" -> {
            Path file;
            try {
                file = Path.of(URI.create(s));
            } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                throw new AdminException(Problem.BAD_INPUT, "Invalid file URL '" + s + "' (" + e.getMessage()
                        + "); write file:/absolute/path/to/plugin.jar");
            }
            if (!Files.isRegularFile(file)) {
                throw new AdminException(Problem.BAD_INPUT, "Cannot install from " + s + ": " + file
                        + " is not a readable file; check the path");
            }
            fileName = nameFromPath(s, file.getFileName().toString());
            fetch = () -> Files.newInputStream(file);
        }
        case "http", "https" -> {
            URI uri;
            try {
                uri = URI.create(s);
            } catch (IllegalArgumentException e) {
                throw new AdminException(Problem.BAD_INPUT, "Invalid URL '" + s + "': " + e.getMessage());
            }
            String path = uri.getPath() == null ? "" : uri.getPath();
            fileName = nameFromPath(s, path.substring(path.lastIndexOf('/') + 1));
            fetch = () -> openHttp(uri, timeout);
        }
        default -> throw new AdminException(Problem.BAD_INPUT, "Unknown source '" + s + "': use mvn:group/artifact/"
                + "version[/type[/classifier]], or a file:, http: or https: URL");
        }
        Future<Void> job = fetchers.submit(() -> {
            copy(fetch, target, maxBytes, s);
            return null;
        });
        try {
            job.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            job.cancel(true);
            throw new AdminException(Problem.UNAVAILABLE, "Fetching " + s + " took longer than " + timeout.toMillis()
                    + " ms; check the repository or server is reachable, or raise download.timeout.ms in "
                    + "etc/org.gcommon.plugin.manager.cfg");
        } catch (InterruptedException e) {
            job.cancel(true);
            Thread.currentThread().interrupt();
            throw new AdminException(Problem.UNAVAILABLE, "Fetching " + s + " was interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AdminException ae) {
                throw ae;
            }
            throw new AdminException(Problem.UNAVAILABLE, "Cannot fetch " + s + ": " + TimedCalls.describe(e.getCause())
                    + (scheme.equals("mvn") ? "; check the coordinates, and the repositories in "
                            + "etc/org.ops4j.pax.url.mvn.cfg" : "; check the URL"), e.getCause());
        }
        return new Fetched(fileName);
    }

    @FunctionalInterface
    private interface Fetch {
        InputStream open() throws IOException, AdminException;
    }

    /** Copies at most {@code maxBytes}; more is refused, and the partial file removed by the caller. */
    static void copy(InputStream in, Path target, long maxBytes, String what) throws IOException, AdminException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(target)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
                if (total > maxBytes) {
                    throw new AdminException(Problem.BAD_INPUT, what + " is larger than " + maxBytes + " bytes, the "
                            + "largest jar accepted; raise download.max.bytes in etc/org.gcommon.plugin.manager.cfg "
                            + "if it really is that large");
                }
                out.write(buffer, 0, n);
            }
        }
    }

    private static void copy(Fetch fetch, Path target, long maxBytes, String what) throws IOException, AdminException {
        try (InputStream in = fetch.open()) {
            copy(in, target, maxBytes, what);
        }
    }

    private static InputStream openMaven(URLStreamHandlerService handler, String source) throws IOException {
        URLStreamHandler delegate = new URLStreamHandler() {
            @Override
            protected URLConnection openConnection(URL u) throws IOException {
                return handler.openConnection(u);
            }
        };
        @SuppressWarnings("deprecation")
        URL url = new URL(null, source, delegate);
        return url.openStream();
    }

    private static InputStream openHttp(URI uri, Duration timeout) throws IOException, AdminException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() != 200) {
            response.body().close();
            throw new AdminException(Problem.UNAVAILABLE, "Cannot fetch " + uri + ": the server answered "
                    + response.statusCode() + "; check the URL");
        }
        return response.body();
    }

    /**
     * @return the jar file name of Maven coordinates: {@code artifact-version[-classifier].jar}
     * @throws AdminException BAD_INPUT naming the coordinates and the form
     */
    static String mavenFileName(String source) throws AdminException {
        String coordinates = source.substring("mvn:".length());
        int bang = coordinates.lastIndexOf('!');
        if (bang >= 0) {
            coordinates = coordinates.substring(bang + 1); // a repository given in front
        }
        String[] parts = coordinates.split("/", -1);
        boolean valid = parts.length >= 3 && parts.length <= 5;
        for (int i = 0; valid && i < parts.length; i++) {
            valid = i >= 3 && parts[i].isEmpty() || SEGMENT.matcher(parts[i]).matches();
        }
        if (!valid || parts[2].isEmpty()) {
            throw new AdminException(Problem.BAD_INPUT, "Invalid Maven coordinates '" + source + "': write "
                    + "mvn:group/artifact/version[/type[/classifier]], e.g. mvn:com.acme/cache-plugin/1.2.0");
        }
        String classifier = parts.length == 5 && !parts[4].isEmpty() ? "-" + parts[4] : "";
        String name = JarFileNames.fromSegment(parts[1] + "-" + parts[2] + classifier + ".jar");
        if (name == null) {
            throw new AdminException(Problem.BAD_INPUT, "Cannot name a jar after '" + source + "'; install it as an "
                    + "upload with a file name instead");
        }
        return name;
    }

    private static String nameFromPath(String source, String last) throws AdminException {
        String name = last.isEmpty() ? null : JarFileNames.fromSegment(last);
        if (name == null) {
            throw new AdminException(Problem.BAD_INPUT, "Cannot name a jar after '" + source + "': the URL must end "
                    + "in a file name such as cache-plugin-1.2.0.jar");
        }
        return name;
    }
}
