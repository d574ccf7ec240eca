package org.gcommon.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a running container listens and the token that lets a client change it, both found in the
 * container's home: the container writes {@code data/http.url} once it listens, and the admin token
 * is {@code etc/admin.token}.
 */
final class ContainerAddress {

    static final String URL_FILE = "http.url";
    static final String TOKEN_FILE = "admin.token";

    private ContainerAddress() {
    }

    /**
     * @param home the container's home
     * @return the base URL the running container wrote, e.g. {@code http://127.0.0.1:8181}
     */
    static Optional<String> recordedUrl(Path home) {
        try {
            String url = Files.readString(urlFile(home), StandardCharsets.UTF_8).strip();
            return url.isEmpty() ? Optional.empty() : Optional.of(url);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Records the base URL for clients; written whole or not at all. */
    static void record(Path home, String url) throws IOException {
        Path file = urlFile(home);
        Path tmp = file.resolveSibling(URL_FILE + ".tmp");
        Files.writeString(tmp, url + System.lineSeparator(), StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static void forget(Path home) {
        try {
            Files.deleteIfExists(urlFile(home));
        } catch (IOException e) {
            // a stale file only makes a client try a port nobody listens on, and say so
        }
    }

    /**
     * @param home the container's home
     * @return the admin token
     * @throws ClientException (exit 4) when the token file is missing or unreadable, saying why
     */
    static String token(Path home) throws ClientException {
        Path file = home.resolve("etc").resolve(TOKEN_FILE);
        try {
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!token.isEmpty()) {
                return token;
            }
            throw new ClientException(ClientException.EXIT_UNAUTHORIZED, file + " is empty: delete it and restart the "
                    + "container to get a new token");
        } catch (NoSuchFileException e) {
            throw new ClientException(ClientException.EXIT_UNAUTHORIZED, "no admin token at " + file + ": start the "
                    + "container once on this home (it creates the token), or give the home it runs on with --home DIR");
        } catch (IOException e) {
            throw new ClientException(ClientException.EXIT_UNAUTHORIZED, "cannot read the admin token " + file + " ("
                    + e.getMessage() + "): run the command as the user that owns the container's home");
        }
    }

    private static Path urlFile(Path home) {
        return home.resolve(ContainerHome.DATA).resolve(URL_FILE);
    }
}
