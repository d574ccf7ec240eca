package org.gcommon.plugin.maven.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWatchTest {

    @TempDir
    Path temp;

    @Test
    void reportsAFileOnceWhenFirstSeenThenAChangeOnlyOnceItHoldsStill() throws Exception {
        Path jar = Files.writeString(temp.resolve("plugin.jar"), "v1");
        RunMojo.FileWatch watch = new RunMojo.FileWatch(jar);

        assertThat(watch.changed()).as("first sight").isTrue();
        assertThat(watch.changed()).as("unchanged").isFalse();

        Files.writeString(jar, "version 2");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(watch.changed()).as("just changed: may still be written").isFalse();
        assertThat(watch.changed()).as("the same on the next check").isTrue();
        assertThat(watch.changed()).isFalse();
    }

    @Test
    void aMissingFileIsNoChange() throws Exception {
        assertThat(new RunMojo.FileWatch(temp.resolve("absent.jar")).changed()).isFalse();
    }

    @Test
    void deploysByRenamingIntoTheDeployFolder() throws Exception {
        Path jar = Files.writeString(temp.resolve("built.jar"), "bytes");
        Path deploy = Files.createDirectories(temp.resolve("home/deploy"));

        RunMojo.deploy(jar, deploy.resolve("plugin.jar"));

        assertThat(deploy.resolve("plugin.jar")).hasContent("bytes");
        try (var files = Files.list(deploy)) {
            assertThat(files).containsExactly(deploy.resolve("plugin.jar"));
        }
    }
}
