package org.gcommon.container;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A container's home: {@code deploy/} (plugins to run), {@code etc/} (configuration), {@code data/}
 * (framework cache and plugin data), {@code log/}. The distribution directory is a home too.
 *
 * <p>{@link #check} only looks; {@link #create} makes what is missing, so that wrong usage is
 * reported before anything exists on disk.
 */
final class ContainerHome {

    static final String DEPLOY = "deploy";
    static final String ETC = "etc";
    static final String DATA = "data";
    static final String LOG = "log";

    private final Path dir;

    private ContainerHome(Path dir) {
        this.dir = dir;
    }

    /**
     * @param options the start options
     * @return the home, when it exists as a writable directory, or can be created, and no other
     *         container uses it
     * @throws UsageException naming the home and what is wrong with it
     */
    static ContainerHome check(StartOptions options) throws UsageException {
        Path dir = options.home();
        String input = options.homeGiven() ? "--home " + dir : "home " + dir + " (the distribution directory)";
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new UsageException(input + ": is a file, not a directory: give a directory "
                        + "(gcommon creates it when missing)");
            }
            if (!Files.isWritable(dir)) {
                throw new UsageException(input + ": not writable: give a directory this user can write to, "
                        + "or fix its permissions");
            }
            requireNotLocked(dir, input);
        } else {
            Path ancestor = dir.getParent();
            while (ancestor != null && !Files.exists(ancestor)) {
                ancestor = ancestor.getParent();
            }
            if (ancestor == null || !Files.isDirectory(ancestor)) {
                throw new UsageException(input + ": cannot be created, " + ancestor + " is a file: "
                        + "give a directory path");
            }
            if (!Files.isWritable(ancestor)) {
                throw new UsageException(input + ": cannot be created, " + ancestor + " is not writable: "
                        + "give a directory this user can write to");
            }
        }
        return new ContainerHome(dir);
    }

    /**
     * Felix locks its cache while a framework runs on it; a second container on the same home would
     * fail deep inside the framework, so say it here in the user's terms.
     */
    private static void requireNotLocked(Path dir, String input) throws UsageException {
        Path lockFile = dir.resolve(DATA).resolve(FrameworkSettings.CACHE_DIR).resolve("cache.lock");
        if (!Files.isRegularFile(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new UsageException(input + ": used by another running gcommon (" + lockFile
                        + " is locked): stop that one first, or give another --home");
            }
        } catch (OverlappingFileLockException e) {
            throw new UsageException(input + ": already used by this process: give another --home");
        } catch (IOException e) {
            // an unreadable lock file is the framework's to report; it names the file
        }
    }

    /**
     * Creates the missing parts of the home. A new {@code deploy/} or {@code etc/} starts as a copy
     * of the distribution's, so that a fresh home runs the shipped sample with its configuration.
     *
     * @param distDir the distribution directory
     * @throws IOException when a directory cannot be created or a file copied
     */
    void create(Path distDir) throws IOException {
        Files.createDirectories(dir);
        createSeeded(deploy(), distDir.resolve(DEPLOY));
        createSeeded(etc(), distDir.resolve(ETC));
        Files.createDirectories(data());
        Files.createDirectories(logDir());
    }

    private static void createSeeded(Path target, Path template) throws IOException {
        if (Files.isDirectory(target)) {
            return;
        }
        Files.createDirectories(target);
        if (!Files.isDirectory(template) || Files.isSameFile(target, template)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(template, Files::isRegularFile)) {
            for (Path file : files) {
                Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    Path dir() {
        return dir;
    }

    Path deploy() {
        return dir.resolve(DEPLOY);
    }

    Path etc() {
        return dir.resolve(ETC);
    }

    Path data() {
        return dir.resolve(DATA);
    }

    Path logDir() {
        return dir.resolve(LOG);
    }

    Path logFile() {
        return logDir().resolve("gcommon.log");
    }

    Path configFile() {
        return etc().resolve(FrameworkSettings.CONFIG_FILE);
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
