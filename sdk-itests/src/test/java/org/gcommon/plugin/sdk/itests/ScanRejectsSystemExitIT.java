package org.gcommon.plugin.sdk.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * A generated project whose plugin calls System.exit: its 'mvn verify' fails in gcommon:scan with the
 * scanner's reason, before the jar could reach a container.
 */
class ScanRejectsSystemExitIT {

    @Test
    void verifyFailsWithTheScannersMessage() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "scan-system-exit").toAbsolutePath());
        Path project = GoldenProjects.copySources("provider", work);
        Path plugin = project.resolve("src/main/java/com/example/plugins/provider/AcmeProviderPlugin.java");
        String source = Files.readString(plugin);
        Files.writeString(plugin, source.replace("        greeter = null;\n",
                "        greeter = null;\n        if (context.isCancelled()) {\n            System.exit(3);\n        }\n"));
        assertThat(Files.readString(plugin)).contains("System.exit(3)");

        Path log = work.resolve("build.log");
        Process build = MavenFork.builder(project, log, "verify", "-DskipTests").start();
        assertThat(build.waitFor(180, TimeUnit.SECONDS)).as("the build ends").isTrue();

        String output = Files.readString(log);
        assertThat(build.exitValue()).as("exit status of mvn verify; output:\n%s", output).isNotZero();
        assertThat(output).contains("gcommon-maven-plugin").contains("acme-provider-1.0.0-SNAPSHOT.jar: REJECT")
                .contains("bytecode.system-exit")
                .contains("The gcommon runtime would reject acme-provider-1.0.0-SNAPSHOT.jar")
                .contains("AcmeProviderPlugin");
    }
}
