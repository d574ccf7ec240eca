package org.gcommon.plugin.manager.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Writes files so that a reader, a folder watcher or a crash sees the old content or the new one,
 * never half of it: the bytes go to a hidden temporary sibling (which the watchers ignore), are
 * forced to disk, then renamed over the target in one step.
 */
final class AtomicFiles {

    /** Temporary siblings start with this; leftovers of a crash are removed at start. */
    static final String TEMP_PREFIX = ".gcommon-";

    private AtomicFiles() {
    }

    static void write(Path target, String text) throws IOException {
        write(target, new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    static void write(Path target, InputStream content) throws IOException {
        Path temp = tempSibling(target);
        try {
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(temp,
                    java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
                    java.io.OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                content.transferTo(out);
                out.flush();
                channel.force(true);
            }
            move(temp, target, true);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static void copy(Path source, Path target) throws IOException {
        try (InputStream in = Files.newInputStream(source)) {
            write(target, in);
        }
    }

    /** @return a hidden name beside the target that no watcher picks up */
    static Path tempSibling(Path target) {
        return target.resolveSibling(TEMP_PREFIX + UUID.randomUUID() + "-" + target.getFileName() + ".tmp");
    }

    /** Renames in one step where the file system can, else as close to it as it allows. */
    static void move(Path from, Path to, boolean replace) throws IOException {
        try {
            if (replace) {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                // ATOMIC_MOVE may replace silently on some systems: refuse an existing target first
                if (Files.exists(to)) {
                    throw new java.nio.file.FileAlreadyExistsException(to.toString());
                }
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (AtomicMoveNotSupportedException e) {
            if (replace) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(from, to);
            }
        }
    }

    /** Removes temporary files a crash left in a folder. */
    static void removeLeftovers(Path folder) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (java.nio.file.DirectoryStream<Path> files = Files.newDirectoryStream(folder, TEMP_PREFIX + "*")) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            // best effort: a leftover temp file is ignored by every watcher anyway
        }
    }
}
