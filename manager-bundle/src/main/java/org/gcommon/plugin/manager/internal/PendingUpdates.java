package org.gcommon.plugin.manager.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Markers of updates in progress, one file each in the manager's data area. A marker is written
 * (atomically) before a bundle is updated and removed once the new version proved healthy or the
 * previous one was put back; one found at start means the container stopped in between, and
 * {@link #recover} decides how to bring the plugin back to a version known to work.
 */
final class PendingUpdates {

    /** An update in progress: the plugin's location, the deploy/ jar being tried, and when it began. */
    record Marker(String location, String fingerprint, String fromVersion, String toVersion, Instant began) {
    }

    /** What to do with a plugin whose update was interrupted. */
    enum Recovery {
        /** Install the kept jar again: the bundle is gone (the framework could not read its cache). */
        REINSTALL_KEPT,
        /** Update the bundle back to the kept jar: the new version never proved healthy. */
        UPDATE_TO_KEPT,
        /** Nothing to go back to (no kept jar): the bundle stays as the framework has it. */
        LEAVE
    }

    private final Path folder;

    PendingUpdates(Path folder) {
        this.folder = folder;
    }

    /**
     * The recovery rule: an update interrupted before its health check finished is rolled back,
     * because only the previous version is known to work; rolling forward would start, unchecked, a
     * version that may be what stopped the container.
     *
     * @param bundleInstalled whether a bundle is installed at the marker's location
     * @param keptJarExists   whether the jar to go back to exists
     */
    static Recovery recover(boolean bundleInstalled, boolean keptJarExists) {
        if (!keptJarExists) {
            return Recovery.LEAVE;
        }
        return bundleInstalled ? Recovery.UPDATE_TO_KEPT : Recovery.REINSTALL_KEPT;
    }

    void begin(Marker marker) throws IOException {
        Files.createDirectories(folder);
        Properties p = new Properties();
        p.setProperty("location", marker.location());
        p.setProperty("fingerprint", marker.fingerprint());
        p.setProperty("from", marker.fromVersion());
        p.setProperty("to", marker.toVersion());
        p.setProperty("began", marker.began().toString());
        StringWriter text = new StringWriter();
        p.store(text, "update in progress: removed when it is decided");
        AtomicFiles.write(fileOf(marker.location()), text.toString());
    }

    void end(String location) {
        try {
            Files.deleteIfExists(fileOf(location));
        } catch (IOException e) {
            // a stale marker only causes a roll back to the kept jar at the next start, which is what runs
        }
    }

    /** @return the markers left by a container that stopped during an update */
    List<Marker> left() {
        List<Marker> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        AtomicFiles.removeLeftovers(folder);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.properties")) {
            for (Path f : files) {
                Properties p = new Properties();
                try (java.io.Reader in = Files.newBufferedReader(f, java.nio.charset.StandardCharsets.UTF_8)) {
                    p.load(in);
                    out.add(new Marker(p.getProperty("location"), p.getProperty("fingerprint", ""),
                            p.getProperty("from", ""), p.getProperty("to", ""), Instant.parse(p.getProperty("began"))));
                } catch (IOException | RuntimeException e) {
                    Files.deleteIfExists(f); // unreadable: it was never completely written, so no update began
                }
            }
        } catch (IOException e) {
            // nothing readable: nothing to recover
        }
        return out;
    }

    private Path fileOf(String location) {
        return folder.resolve(PluginListing.fileName(location) + ".properties");
    }
}
