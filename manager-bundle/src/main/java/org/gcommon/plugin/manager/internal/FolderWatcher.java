package org.gcommon.plugin.manager.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Watches one folder and reports, in batches, the files that appeared or changed and the files that
 * went away, once each file has stopped changing.
 *
 * <p>Written on the JDK's {@link WatchService} rather than Felix FileInstall: FileInstall polls (2 s by
 * default, too slow for "drop a jar, see it ACTIVE within 250 ms"), installs bundles itself (leaving
 * no place to check an archive before it is installed, nor to report a refused one per file), and
 * names configurations after the file rather than after the plugin. The watch service gives events
 * within milliseconds; a full rescan every few seconds covers missed or overflowed events.
 *
 * <p>A file counts as complete when its size and modification time are the same at two looks a quiet
 * period apart, so a jar still being copied is not read half-written. Hidden files and the usual
 * temporary names ({@code .part}, {@code .tmp}, {@code ~}) are ignored.
 */
final class FolderWatcher implements Closeable {

    /** A batch of changes, each file name once. */
    record Changes(Set<Path> changed, Set<Path> removed) {
        boolean isEmpty() {
            return changed.isEmpty() && removed.isEmpty();
        }
    }

    private record Fingerprint(long size, long modified, Object key) {
        static Fingerprint of(Path file) throws IOException {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            return new Fingerprint(attrs.size(), attrs.lastModifiedTime().toMillis(), attrs.fileKey());
        }
    }

    private record Pending(Fingerprint fingerprint, long seenAtNanos) {
    }

    private static final Duration RESCAN = Duration.ofSeconds(3);

    private final Path folder;
    private final Predicate<Path> accept;
    private final Duration quiet;
    private final Consumer<Changes> sink;
    private final Consumer<String> errorLog;
    private final Map<Path, Fingerprint> reported = new HashMap<>();
    private final Map<Path, Pending> pending = new HashMap<>();
    private final Thread thread;
    private volatile WatchService watchService;
    private volatile Runnable first = () -> {
    };
    private volatile boolean closed;

    /**
     * @param folder the folder to watch (created when missing)
     * @param accept which file names to report
     * @param quiet how long a file must stay unchanged to count as complete
     * @param sink receives each batch on the watcher's thread
     * @param errorLog receives problems reading the folder
     * @param threadName the watcher thread's name
     */
    FolderWatcher(Path folder, Predicate<Path> accept, Duration quiet, Consumer<Changes> sink, Consumer<String> errorLog,
            String threadName) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.accept = Objects.requireNonNull(accept, "accept");
        this.quiet = Objects.requireNonNull(quiet, "quiet");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.errorLog = Objects.requireNonNull(errorLog, "errorLog");
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    /** Names a watcher ignores whatever the filter says: hidden and temporary files. */
    static boolean isTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") || name.endsWith(".part") || name.endsWith(".tmp") || name.endsWith("~")
                || name.endsWith(".swp") || name.endsWith(".crdownload");
    }

    /**
     * Takes the files present now as already reported (the caller reconciles them itself) and starts
     * watching.
     *
     * @param known the files the caller has already handled, with their state as on disk now
     */
    void start(Set<Path> known) throws IOException {
        start(known, () -> {
        });
    }

    /**
     * As {@link #start(Set)}, running {@code first} on the watcher's thread before it reports anything:
     * work on the files present at start that must not hold up whoever starts the watcher.
     */
    void start(Set<Path> known, Runnable first) throws IOException {
        this.first = Objects.requireNonNull(first, "first");
        Files.createDirectories(folder);
        for (Path file : known) {
            try {
                reported.put(file, Fingerprint.of(file));
            } catch (IOException e) {
                // gone already: the first scan reports it removed
                reported.put(file, new Fingerprint(-1, -1, null));
            }
        }
        watchService = folder.getFileSystem().newWatchService();
        folder.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        thread.start();
    }

    /** @return the accepted files in the folder now, sorted */
    Set<Path> list() throws IOException {
        Set<Path> files = new TreeSet<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            for (Path p : stream) {
                if (!isTemporary(p) && accept.test(p) && Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        }
        return files;
    }

    private void run() {
        try {
            first.run();
        } catch (RuntimeException e) {
            errorLog.accept("Handling the files present in " + folder + " at start failed: " + TimedCalls.describe(e));
        }
        long nextRescan = System.nanoTime() + RESCAN.toNanos();
        boolean dirty = true;
        while (!closed) {
            try {
                long wait = pending.isEmpty() && !dirty ? Math.max(1, (nextRescan - System.nanoTime()) / 1_000_000)
                        : quiet.toMillis();
                WatchKey key = watchService.poll(wait, TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                    dirty = true;
                    continue; // drain bursts of events before looking
                }
                if (dirty || !pending.isEmpty() || System.nanoTime() >= nextRescan) {
                    dirty = false;
                    nextRescan = System.nanoTime() + RESCAN.toNanos();
                    Changes changes = scan();
                    if (!changes.isEmpty()) {
                        sink.accept(changes);
                    }
                }
            } catch (ClosedWatchServiceException | InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                errorLog.accept("Watching " + folder + " failed: " + TimedCalls.describe(e) + "; retrying");
            }
        }
    }

    private Changes scan() throws IOException {
        Set<Path> present = list();
        Set<Path> changed = new TreeSet<>();
        long now = System.nanoTime();
        for (Path file : present) {
            Fingerprint fp;
            try {
                fp = Fingerprint.of(file);
            } catch (IOException e) {
                continue; // vanished between listing and reading
            }
            if (fp.equals(reported.get(file))) {
                pending.remove(file);
                continue;
            }
            Pending seen = pending.get(file);
            if (seen != null && seen.fingerprint().equals(fp) && now - seen.seenAtNanos() >= quiet.toNanos()) {
                pending.remove(file);
                reported.put(file, fp);
                changed.add(file);
            } else if (seen == null || !seen.fingerprint().equals(fp)) {
                pending.put(file, new Pending(fp, now));
            }
        }
        Set<Path> removed = new TreeSet<>();
        for (Path file : Set.copyOf(reported.keySet())) {
            if (!present.contains(file)) {
                reported.remove(file);
                removed.add(file);
            }
        }
        pending.keySet().retainAll(present);
        return new Changes(changed, removed);
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        WatchService ws = watchService;
        if (ws != null) {
            try {
                ws.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
