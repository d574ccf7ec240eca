package org.gcommon.plugin.manager.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.gcommon.plugin.api.admin.AdminResult;
import org.gcommon.plugin.api.admin.LastUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a container finds at start after it was killed in the middle of an update. */
class PendingUpdatesTest {

    @TempDir
    Path data;

    @Test
    void anInterruptedUpdateGoesBackToTheKeptJar() {
        assertThat(PendingUpdates.recover(true, true)).isEqualTo(PendingUpdates.Recovery.UPDATE_TO_KEPT);
        // the framework lost the bundle (its cache was cut short): the kept jar is installed again
        assertThat(PendingUpdates.recover(false, true)).isEqualTo(PendingUpdates.Recovery.REINSTALL_KEPT);
        // nothing to go back to: the bundle stays as it is rather than being removed
        assertThat(PendingUpdates.recover(true, false)).isEqualTo(PendingUpdates.Recovery.LEAVE);
        assertThat(PendingUpdates.recover(false, false)).isEqualTo(PendingUpdates.Recovery.LEAVE);
    }

    @Test
    void aMarkerSurvivesARestartUntilTheUpdateIsDecided() throws Exception {
        PendingUpdates pending = new PendingUpdates(data.resolve("pending-updates"));
        PendingUpdates.Marker marker = new PendingUpdates.Marker("gcommon:deploy/cache.jar", "1234:5678", "1.0.0",
                "1.1.0", Instant.parse("2025-01-02T03:04:05Z"));
        pending.begin(marker);

        assertThat(new PendingUpdates(data.resolve("pending-updates")).left()).containsExactly(marker);

        pending.end(marker.location());
        assertThat(new PendingUpdates(data.resolve("pending-updates")).left()).isEmpty();
    }

    @Test
    void aMarkerCutShortByACrashAndTemporaryFilesAreDropped() throws Exception {
        Path folder = Files.createDirectories(data.resolve("pending-updates"));
        Files.writeString(folder.resolve("half.jar.properties"), "location=gcommon:deploy/half.jar\nbegan=20");
        Files.writeString(folder.resolve(AtomicFiles.TEMP_PREFIX + "x-cache.jar.properties.tmp"), "location=");

        assertThat(new PendingUpdates(folder).left()).isEmpty();
        try (var files = Files.list(folder)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void theLastUpdateOfAPluginIsKeptAcrossRestarts() {
        Path file = data.resolve("update-history.properties");
        LastUpdate update = new LastUpdate("1.1.0", AdminResult.Outcome.ROLLED_BACK,
                "plugin 'cache' 1.1.0 reports UNHEALTHY: backend — unreachable", Instant.parse("2025-01-02T03:04:05Z"));
        new UpdateHistory(file).put("gcommon:deploy/cache.jar", update);

        assertThat(new UpdateHistory(file).get("gcommon:deploy/cache.jar")).contains(update);

        new UpdateHistory(file).remove("gcommon:deploy/cache.jar");
        assertThat(new UpdateHistory(file).get("gcommon:deploy/cache.jar")).isEmpty();
    }

    @Test
    void filesAreReplacedWholeAndLeaveNoTemporaryFileBehind() throws Exception {
        Path target = data.resolve("etc/grants.cfg");
        Files.createDirectories(target.getParent());
        AtomicFiles.write(target, "a = 1\n");
        AtomicFiles.write(target, "a = 2\n");
        assertThat(Files.readString(target)).isEqualTo("a = 2\n");
        try (var files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }
}
