package org.gcommon.plugin.sdk.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar of a project generated for each plugin type, dropped into the deploy folder of the built
 * container: each one ends ACTIVE and HEALTHY, as the author's first deployment should.
 */
class GeneratedPluginsInContainerIT {

    @TempDir
    Path temp;

    @Test
    void everyGeneratedPluginRunsActiveAndHealthyInTheContainer() throws Exception {
        try (Container container = Container.start(temp.resolve("home"))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !container.isAlive() || container.output().contains("gcommon started"));
            assertThat(container.isAlive()).as("container running; its output: %s", container.output()).isTrue();

            for (String type : GoldenProjects.TYPES) {
                Files.copy(GoldenProjects.jar(type), container.home().resolve("deploy").resolve("acme-" + type + ".jar"));
            }

            for (String type : GoldenProjects.TYPES) {
                String name = GoldenProjects.pluginName(type);
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                    JsonNode entry = container.healthEntry(name).orElse(null);
                    assertThat(entry).as("%s in GET /health; container output: %s", name, container.output()).isNotNull();
                    assertThat(entry.path("state").asText()).as("state of %s: %s", name, entry).isEqualTo("ACTIVE");
                    assertThat(entry.path("health").path("status").asText()).as("health of %s: %s", name, entry)
                            .isEqualTo("HEALTHY");
                });
                JsonNode info = container.plugin(name).orElseThrow();
                assertThat(info.path("type").asText()).isEqualTo(type.toUpperCase(java.util.Locale.ROOT));
            }
        }
    }
}
