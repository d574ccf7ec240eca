package org.gcommon.plugin.manager.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.gcommon.plugin.api.admin.AdminException;
import org.gcommon.plugin.api.admin.AdminException.Problem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarSourcesTest {

    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final JarSources sources = new JarSources(() -> null, pool);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void mavenCoordinatesNameTheJar() throws AdminException {
        assertThat(JarSources.mavenFileName("mvn:com.acme/cache-plugin/1.2.0")).isEqualTo("cache-plugin-1.2.0.jar");
        assertThat(JarSources.mavenFileName("mvn:com.acme/cache-plugin/1.2.0/jar/linux"))
                .isEqualTo("cache-plugin-1.2.0-linux.jar");
        assertThat(JarSources.mavenFileName("mvn:https://repo.example.com/m2!com.acme/cache/1.0"))
                .isEqualTo("cache-1.0.jar");
    }

    @Test
    void malformedCoordinatesAreBadInputNamingTheForm() {
        for (String bad : new String[] { "mvn:com.acme/cache", "mvn:com.acme//1.0", "mvn:../../x/1.0", "mvn:a/b/c/d/e/f" }) {
            assertThatThrownBy(() -> JarSources.mavenFileName(bad)).isInstanceOf(AdminException.class)
                    .hasMessageContaining(bad).hasMessageContaining("mvn:group/artifact/version");
        }
    }

    @Test
    void fileSourcesAreCopiedAndBoundedInSize() throws Exception {
        Path jar = Files.write(dir.resolve("cache-1.0.0.jar"), new byte[1000]);
        Path target = dir.resolve("copy");
        assertThat(sources.fetch(jar.toUri().toString(), target, 1000, Duration.ofSeconds(5)).fileName())
                .isEqualTo("cache-1.0.0.jar");
        assertThat(Files.size(target)).isEqualTo(1000);

        Files.delete(target);
        assertThatThrownBy(() -> sources.fetch(jar.toUri().toString(), target, 999, Duration.ofSeconds(5)))
                .isInstanceOf(AdminException.class).hasMessageContaining("larger than 999 bytes")
                .hasMessageContaining("download.max.bytes");
    }

    @Test
    void unknownSchemesMissingFilesAndAMissingMavenHandlerSayWhatToDo() {
        assertThatThrownBy(() -> sources.fetch("ftp://example.com/x.jar", dir.resolve("a"), 10, Duration.ofSeconds(1)))
                .isInstanceOf(AdminException.class).hasMessageContaining("Unknown source 'ftp://example.com/x.jar'")
                .satisfies(e -> assertThat(((AdminException) e).problem()).isEqualTo(Problem.BAD_INPUT));
        assertThatThrownBy(() -> sources.fetch(dir.resolve("none.jar").toUri().toString(), dir.resolve("a"), 10,
                Duration.ofSeconds(1))).hasMessageContaining("is not a readable file");
        assertThatThrownBy(() -> sources.fetch("mvn:com.acme/cache/1.0", dir.resolve("a"), 10, Duration.ofSeconds(1)))
                .hasMessageContaining("org.ops4j.pax.url.mvn")
                .satisfies(e -> assertThat(((AdminException) e).problem()).isEqualTo(Problem.UNAVAILABLE));
    }
}
