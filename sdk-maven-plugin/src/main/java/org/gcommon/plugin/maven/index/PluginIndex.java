package org.gcommon.plugin.maven.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.GZIPOutputStream;

import org.osgi.resource.Resource;

import aQute.bnd.osgi.Processor;
import aQute.bnd.osgi.repository.SimpleIndexer;
import aQute.bnd.osgi.repository.XMLResourceGenerator;

/**
 * An OSGi Repository index ({@code index.xml}) of bundle jars, written by bnd's indexer, the code behind
 * {@code bnd-indexer-maven-plugin}: each bundle's identity, capabilities, requirements, size and SHA-256,
 * and its URL relative to the index's folder, so the folder can be published anywhere as a whole (a web
 * server, a file share, a Maven repository) and read by the container's plugin repositories.
 */
public final class PluginIndex {

    private final Path indexFile;
    private final String name;

    /**
     * @param indexFile where the index is written; every jar must be in its folder or below
     * @param name      the repository's name in the index
     */
    public PluginIndex(Path indexFile, String name) {
        this.indexFile = Objects.requireNonNull(indexFile, "indexFile").toAbsolutePath().normalize();
        this.name = Objects.requireNonNull(name, "name");
    }

    /** @return whether the jar has a {@code Bundle-SymbolicName}: only bundles can be installed from an index */
    public static boolean isBundle(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest != null && manifest.getMainAttributes().getValue("Bundle-SymbolicName") != null;
        }
    }

    /**
     * Writes the index, and with {@code gzip} its gzipped copy beside it ({@code index.xml.gz}).
     *
     * @param jars the bundles, each in the index's folder or below
     * @param gzip whether to write {@code index.xml.gz} too
     * @return the resources indexed, in the order given
     * @throws IOException when a jar is outside the folder, is no bundle, cannot be read, or the index
     *                     cannot be written; the message names the jar
     */
    public List<Resource> write(List<Path> jars, boolean gzip) throws IOException {
        Path folder = indexFile.getParent();
        List<java.io.File> files = new ArrayList<>();
        for (Path jar : jars) {
            Path absolute = jar.toAbsolutePath().normalize();
            if (!absolute.startsWith(folder)) {
                throw new IOException(absolute + " is outside " + folder + ": its URL in the index would not move with "
                        + "the folder; copy it into the folder (or below) before indexing");
            }
            if (!Files.isRegularFile(absolute)) {
                throw new IOException(absolute + " does not exist: build it first (mvn package)");
            }
            if (!isBundle(absolute)) {
                throw new IOException(absolute + " is no OSGi bundle (its manifest has no Bundle-SymbolicName): the "
                        + "container cannot install it; leave it out of the index or build it with bnd");
            }
            files.add(absolute.toFile());
        }
        Processor reporter = new Processor();
        // bnd leaves out a jar it cannot index and only reports it: a missing plugin must fail the build instead
        List<Resource> resources = new SimpleIndexer().files(files).base(folder.toUri()).reporter(reporter).getResources();
        if (resources.size() != files.size() || !reporter.getErrors().isEmpty()) {
            throw new IOException("bnd's indexer could not index every jar of " + files + ": "
                    + String.join("; ", reporter.getErrors()) + "; check that each is a readable bundle jar");
        }
        Files.createDirectories(folder);
        XMLResourceGenerator generator = new XMLResourceGenerator().name(name).resources(resources);
        generator.save(indexFile.toFile());
        if (gzip) {
            Path gzipped = indexFile.resolveSibling(indexFile.getFileName() + ".gz");
            try (InputStream in = Files.newInputStream(indexFile); OutputStream out = new GZIPOutputStream(
                    Files.newOutputStream(gzipped))) {
                in.transferTo(out);
            }
        }
        return resources;
    }
}
