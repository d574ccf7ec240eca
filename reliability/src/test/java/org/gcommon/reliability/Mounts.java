package org.gcommon.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Small file systems for disk trouble, made with {@code mount} (root only): a size-limited tmpfs that can
 * be filled, and a read-only bind mount of a folder over itself. Each mount is undone
 * by {@link #close()}.
 */
final class Mounts implements AutoCloseable {

    private final List<Path> mounted = new ArrayList<>();

    /** @return whether this user can mount (root, and the kernel lets it), so the test can run here */
    static boolean available() {
        try {
            Path probe = Files.createTempDirectory("mount-probe");
            try (Mounts m = new Mounts()) {
                m.tmpfs(probe, 1);
                return true;
            } catch (IOException e) {
                return false;
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** Mounts an empty tmpfs of {@code megabytes} on {@code dir} (created when missing). */
    void tmpfs(Path dir, int megabytes) throws IOException {
        Files.createDirectories(dir);
        run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", dir.toString());
        mounted.add(0, dir);
    }

    /** Mounts {@code dir} read-only over itself: its files stay readable, nothing can be written or removed. */
    void bindReadOnly(Path dir) throws IOException {
        run("mount", "--bind", dir.toString(), dir.toString());
        mounted.add(0, dir);
        run("mount", "-o", "remount,bind,ro", dir.toString());
    }

    /** Undoes the most recent mount on {@code dir}. */
    void unmount(Path dir) throws IOException {
        run("umount", dir.toString());
        mounted.remove(dir);
    }

    /**
     * Fills the file system of {@code dir} with one file until it is full.
     *
     * @return the file (delete it to free the space)
     */
    static Path fill(Path dir) throws IOException {
        Path filler = dir.resolve("filler.bin");
        byte[] block = new byte[1 << 16];
        try (var out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
        return filler;
    }

    private static void run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", command) + " interrupted", e);
        }
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (Path dir : List.copyOf(mounted)) {
            try {
                unmount(dir);
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
