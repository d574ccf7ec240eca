package org.gcommon.plugin.repository.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One configured repository: the entry as written in {@code etc/} and the URI of its index.
 *
 * @param configured the entry as the administrator wrote it
 * @param index      where its {@code index.xml} is read from
 */
record RepositoryLocation(String configured, URI index) {

    static final String INDEX_FILE = "index.xml";

    /**
     * @param entries the configured entries; each may itself hold several, separated by commas
     * @param baseDir what relative paths are relative to (the distribution folder)
     * @return the locations, in the configured order
     * @throws RepositoryException for an entry that is neither a path nor a file/http/https URL
     */
    static List<RepositoryLocation> parse(String[] entries, Path baseDir) throws RepositoryException {
        List<RepositoryLocation> locations = new ArrayList<>();
        for (String entry : entries == null ? new String[0] : entries) {
            for (String part : entry.split(",")) {
                String trimmed = part.strip();
                if (!trimmed.isEmpty()) {
                    locations.add(of(trimmed, baseDir));
                }
            }
        }
        return locations;
    }

    static RepositoryLocation of(String entry, Path baseDir) throws RepositoryException {
        String lower = entry.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http:") || lower.startsWith("https:") || lower.startsWith("file:")) {
            URI uri;
            try {
                uri = new URI(entry);
            } catch (URISyntaxException e) {
                throw badEntry(entry, e.getReason());
            }
            if (lower.startsWith("file:")) {
                return ofPath(entry, Path.of(uri));
            }
            return new RepositoryLocation(entry, entry.endsWith("/") ? uri.resolve(INDEX_FILE) : uri);
        }
        if (lower.matches("^[a-z][a-z0-9+.-]+:.*") && !lower.matches("^[a-z]:[\\\\/].*")) {
            throw badEntry(entry, "the scheme is not file, http or https");
        }
        try {
            Path path = Path.of(entry);
            return ofPath(entry, path.isAbsolute() ? path : baseDir.resolve(path));
        } catch (InvalidPathException e) {
            throw badEntry(entry, e.getReason());
        }
    }

    private static RepositoryLocation ofPath(String entry, Path path) {
        Path normalized = path.toAbsolutePath().normalize();
        // a folder stands for the index.xml inside it, as the indexer writes it beside the jars
        Path index = Files.isDirectory(normalized) || !normalized.getFileName().toString().endsWith(".xml")
                ? normalized.resolve(INDEX_FILE)
                : normalized;
        return new RepositoryLocation(entry, index.toUri());
    }

    private static RepositoryException badEntry(String entry, String reason) {
        return new RepositoryException(RepositoryException.Problem.BAD_INPUT,
                "repository '" + entry + "' in etc/" + RepositoryConfig.PID + ".cfg cannot be used: " + reason,
                "write a folder holding index.xml, the path of an index.xml, or a file:, http: or https: URL of one");
    }
}
