package org.gcommon.plugin.manager.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Properties;

/**
 * Remembers, across restarts, which version of each deploy-folder jar was last applied (size and
 * modification time), so a restart updates exactly the jars replaced while the container was down.
 * Saved by write-then-rename: a crash leaves the old file or the new one, never half of one.
 */
final class FingerprintStore {

    private final Path file;
    private final Properties entries = new Properties();

    private FingerprintStore(Path file) {
        this.file = file;
    }

    static FingerprintStore in(File file) throws IOException {
        FingerprintStore store = new FingerprintStore(file.toPath());
        if (Files.isRegularFile(store.file)) {
            try (InputStream in = Files.newInputStream(store.file)) {
                store.entries.load(in);
            } catch (IllegalArgumentException e) {
                // A damaged state file only costs re-applying unchanged jars; start from empty.
                store.entries.clear();
            }
        }
        return store;
    }

    static String fingerprint(Path jar) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(jar, BasicFileAttributes.class);
        return attrs.size() + ":" + attrs.lastModifiedTime().toMillis();
    }

    synchronized String get(String location) {
        return entries.getProperty(location);
    }

    synchronized void put(String location, String fingerprint) {
        entries.setProperty(location, fingerprint);
    }

    synchronized void remove(String location) {
        entries.remove(location);
    }

    synchronized void save() throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            entries.store(out, "deploy folder: jar size:mtime last applied, by bundle location");
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
