package org.gcommon.plugin.repository.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.osgi.resource.Resource;

import aQute.bnd.osgi.repository.XMLResourceParser;

/** Reads one repository's OSGi Repository index ({@code index.xml}, or its gzip {@code index.xml.gz}). */
final class IndexReader {

    private final SourceStreams streams;

    IndexReader(SourceStreams streams) {
        this.streams = streams;
    }

    /**
     * @param location the repository
     * @return its resources; relative artifact URLs are resolved against the index's URI
     * @throws RepositoryException when the index cannot be fetched or is not an OSGi Repository index
     */
    List<Resource> read(RepositoryLocation location) throws RepositoryException {
        try (InputStream in = ungzipped(streams.open(location.index()));
                XMLResourceParser parser = new XMLResourceParser(in, location.configured(), location.index())) {
            List<Resource> resources = parser.parse();
            if (!parser.isOk()) {
                throw new RepositoryException(RepositoryException.Problem.UNAVAILABLE,
                        "repository " + location.index() + " is not a valid OSGi Repository index: "
                                + String.join("; ", parser.getErrors()),
                        "regenerate it with bnd's indexer (bnd-indexer-maven-plugin) or fix etc/"
                                + RepositoryConfig.PID + ".cfg");
            }
            return resources;
        } catch (RepositoryException e) {
            throw e;
        } catch (IOException e) {
            throw new RepositoryException(RepositoryException.Problem.UNAVAILABLE,
                    "repository index " + location.index() + " (etc/" + RepositoryConfig.PID + ".cfg: '"
                            + location.configured() + "') cannot be read: " + e.getMessage(),
                    "check that the folder or URL holds an index.xml and is reachable", e);
        } catch (Exception e) {
            throw new RepositoryException(RepositoryException.Problem.UNAVAILABLE,
                    "repository index " + location.index() + " cannot be parsed: " + e,
                    "regenerate it with bnd's indexer (bnd-indexer-maven-plugin)", e);
        }
    }

    /** Indexes may be published gzipped (the indexer's includeGzip): tell by the magic bytes, not the name. */
    private static InputStream ungzipped(InputStream raw) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 2);
        byte[] head = in.readNBytes(2);
        in.unread(head);
        if (head.length == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return new GZIPInputStream(in);
        }
        return in;
    }
}
