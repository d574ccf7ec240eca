package org.gcommon.plugin.sdk.itests;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Maven build of a generated project in its own process, as an author runs it, against the
 * artifacts of this reactor: its local repository is target/it-repo (where invoker:install put them),
 * and its only remote repository is the outer build's local repository, as a file: URL. No network.
 */
final class MavenFork {

    private MavenFork() {
    }

    /** @return a process builder for {@code mvn -B -s SETTINGS -Dmaven.repo.local=IT_REPO args…} in the project */
    static ProcessBuilder builder(Path project, Path log, String... args) throws IOException {
        String mavenHome = System.getProperty("maven.home");
        if (mavenHome == null || mavenHome.isBlank() || mavenHome.startsWith("${")) {
            throw new IllegalStateException("System property maven.home is not set: run the tests through Maven (mvn verify)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(mavenHome, "bin", "mvn").toString());
        command.add("-B");
        command.add("-s");
        command.add(settings(project.getParent()).toString());
        command.add("-Dmaven.repo.local=" + Path.of(System.getProperty("gcommon.it.repo")).toAbsolutePath());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("MAVEN_OPTS");
        return builder;
    }

    private static Path settings(Path dir) throws IOException {
        String outer = Path.of(System.getProperty("gcommon.outer.repo")).toUri().toString();
        Path settings = dir.resolve("fork-settings.xml");
        Files.writeString(settings, """
                <settings>
                  <mirrors>
                    <mirror><id>outer-local-repository</id><mirrorOf>*</mirrorOf><url>%1$s</url></mirror>
                  </mirrors>
                  <profiles>
                    <profile>
                      <id>outer-local-repository</id>
                      <repositories>
                        <repository><id>central</id><url>%1$s</url>
                          <releases><checksumPolicy>ignore</checksumPolicy></releases>
                          <snapshots><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></snapshots></repository>
                      </repositories>
                      <pluginRepositories>
                        <pluginRepository><id>central</id><url>%1$s</url>
                          <releases><checksumPolicy>ignore</checksumPolicy></releases>
                          <snapshots><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></snapshots></pluginRepository>
                      </pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>outer-local-repository</activeProfile></activeProfiles>
                </settings>
                """.formatted(outer), StandardCharsets.UTF_8);
        return settings;
    }
}
