package org.gcommon.plugin.repository.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Fetches a plan's jars into a spool folder and checks each against the SHA-256 its index records:
 * a jar that differs (tampered with, truncated, replaced) is refused, and so is the whole install.
 */
final class ArtifactFetcher {

    private final SourceStreams streams;
    private final Path spool;
    private final long maxBytes;

    /**
     * @param streams  opens the sources
     * @param spool    where fetched jars are kept until installed
     * @param maxBytes the largest jar fetched
     */
    ArtifactFetcher(SourceStreams streams, Path spool, long maxBytes) {
        this.streams = streams;
        this.spool = spool;
        this.maxBytes = maxBytes;
    }

    /**
     * @param entry a bundle of an install plan
     * @return the verified jar, in the spool folder; the caller deletes it
     * @throws RepositoryException when it cannot be fetched, is too large, or its SHA-256 differs from the index's
     */
    Path fetch(CatalogEntry entry) throws RepositoryException {
        Path target;
        try {
            Files.createDirectories(spool);
            target = Files.createTempFile(spool, "fetch-", ".jar");
        } catch (IOException e) {
            throw new RepositoryException(RepositoryException.Problem.UNAVAILABLE,
                    "cannot write the download folder " + spool + ": " + e.getMessage(),
                    "check the permissions of the container's data/ folder", e);
        }
        String actual;
        try (InputStream in = streams.open(entry.source()); OutputStream out = Files.newOutputStream(target)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) != -1;) {
                total += n;
                if (total > maxBytes) {
                    throw new RepositoryException(RepositoryException.Problem.UNAVAILABLE,
                            entry.label() + " from " + entry.source() + " is larger than " + maxBytes + " bytes: refused",
                            "raise download.max.bytes in etc/" + RepositoryConfig.PID + ".cfg if the plugin is that large");
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
            actual = HexFormat.of().formatHex(digest.digest());
        } catch (RepositoryException e) {
            deleteQuietly(target);
            throw e;
        } catch (IOException e) {
            deleteQuietly(target);
            throw new RepositoryException(RepositoryException.Problem.UNAVAILABLE,
                    entry.label() + " cannot be fetched from " + entry.source() + ": " + e.getMessage()
                            + "; nothing was installed",
                    "check that the repository '" + entry.repository() + "' is reachable and holds the jar its index names", e);
        } catch (NoSuchAlgorithmException e) {
            deleteQuietly(target);
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        if (!actual.equalsIgnoreCase(entry.sha256())) {
            deleteQuietly(target);
            throw new RepositoryException(RepositoryException.Problem.UNAVAILABLE,
                    entry.label() + " from " + entry.source() + " has SHA-256 " + actual + ", but the index of repository '"
                            + entry.repository() + "' records " + entry.sha256()
                            + ": the jar was changed after it was indexed and is refused; nothing was installed",
                    "find out who changed the jar; if the change is legitimate, regenerate the repository's index.xml");
        }
        return target;
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover in data/ is harmless; the next fetch uses a new name
        }
    }
}
