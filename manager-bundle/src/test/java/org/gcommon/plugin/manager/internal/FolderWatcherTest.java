package org.gcommon.plugin.manager.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderWatcherTest {

    @TempDir
    Path folder;

    private final List<FolderWatcher.Changes> batches = new CopyOnWriteArrayList<>();
    private FolderWatcher watcher;

    private void watch(Set<Path> known) throws IOException {
        watcher = new FolderWatcher(folder, p -> p.toString().endsWith(".jar"), Duration.ofMillis(40), batches::add,
                m -> {
                }, "test-watcher");
        watcher.start(known);
    }

    @AfterEach
    void close() {
        if (watcher != null) {
            watcher.close();
        }
    }

    private boolean reported(Path file, boolean removed) {
        return batches.stream().anyMatch(b -> (removed ? b.removed() : b.changed()).contains(file));
    }

    @Test
    void reportsNewChangedAndRemovedFiles() throws IOException {
        watch(Set.of());
        Path jar = Files.writeString(folder.resolve("a.jar"), "one");
        await().until(() -> reported(jar, false));

        batches.clear();
        Files.writeString(jar, "two, longer");
        await().until(() -> reported(jar, false));

        Files.delete(jar);
        await().until(() -> reported(jar, true));
    }

    @Test
    void ignoresOtherTemporaryAndHiddenFiles() throws IOException {
        watch(Set.of());
        Files.writeString(folder.resolve("notes.txt"), "x");
        Files.writeString(folder.resolve("b.jar.part"), "x");
        Files.writeString(folder.resolve(".hidden.jar"), "x");
        Path marker = Files.writeString(folder.resolve("marker.jar"), "x");

        await().until(() -> reported(marker, false));
        assertThat(batches).flatExtracting(FolderWatcher.Changes::changed).containsExactly(marker);
    }

    @Test
    void aFileStillBeingWrittenIsReportedOnceComplete() throws Exception {
        watch(Set.of());
        Path jar = folder.resolve("big.jar");
        try (OutputStream out = Files.newOutputStream(jar)) {
            for (int i = 0; i < 5; i++) {
                out.write(new byte[1024]);
                out.flush();
                // Keep writing for longer than the quiet period, as a slow copy would.
                await().pollDelay(Duration.ofMillis(30)).atMost(Duration.ofSeconds(1)).until(() -> true);
            }
        }
        await().until(() -> reported(jar, false));
        assertThat(batches).filteredOn(b -> b.changed().contains(jar)).hasSize(1);
        assertThat(Files.size(jar)).isEqualTo(5 * 1024);
    }

    @Test
    void knownFilesAreNotReportedAgainButTheirRemovalIs() throws IOException {
        Path known = Files.writeString(folder.resolve("known.jar"), "k");
        watch(Set.of(known));
        Path fresh = Files.writeString(folder.resolve("fresh.jar"), "f");
        await().until(() -> reported(fresh, false));
        assertThat(reported(known, false)).isFalse();

        Files.delete(known);
        await().until(() -> reported(known, true));
    }
}
