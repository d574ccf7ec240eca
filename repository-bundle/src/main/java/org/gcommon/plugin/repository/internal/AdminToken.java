package org.gcommon.plugin.repository.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The container's admin token ({@code etc/admin.token}, written by the console at first start), checked
 * on every change: both sides are hashed and compared in constant time, so the comparison tells nothing
 * about how much of a guess was right.
 */
final class AdminToken {

    static final String FILE = "etc/admin.token";
    private static final String BEARER = "Bearer ";

    private final Path file;

    AdminToken(Path home) {
        this.file = home.resolve(FILE);
    }

    /**
     * @param authorization the request's {@code Authorization} header, or {@code null}
     * @return whether it carries the admin token
     */
    boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        String token;
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            token = lines.isEmpty() ? "" : lines.get(0).strip();
        } catch (IOException e) {
            return false;
        }
        if (token.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(sha256(token), sha256(authorization.substring(BEARER.length()).strip()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
