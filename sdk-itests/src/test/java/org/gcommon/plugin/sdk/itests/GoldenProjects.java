package org.gcommon.plugin.sdk.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The projects the archetype's golden tests generated and built ({@code mvn verify gcommon:docs}), one
 * per plugin type, under {@code sdk-archetype/target/test-classes/projects/<type>/project/acme-<type>}.
 */
final class GoldenProjects {

    static final List<String> TYPES = List.of("provider", "middleware", "extension", "integration");

    private GoldenProjects() {
    }

    static Path project(String type) {
        Path dir = Path.of(System.getProperty("gcommon.golden.dir", "../sdk-archetype/target/test-classes/projects"))
                .toAbsolutePath().normalize().resolve(type).resolve("project").resolve("acme-" + type);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("The golden project " + dir + " does not exist: the archetype's golden tests "
                    + "make it; build with 'mvn verify' from the repository root (or -pl sdk-itests -am)");
        }
        return dir;
    }

    static String pluginName(String type) {
        return "acme-" + type;
    }

    static Path jar(String type) {
        Path jar = project(type).resolve("target").resolve("acme-" + type + "-1.0.0-SNAPSHOT.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The golden project's jar " + jar + " does not exist");
        }
        return jar;
    }

    /** Copies a golden project's sources (not its target/) to a fresh folder, for a build of its own. */
    static Path copySources(String type, Path into) throws IOException {
        Path from = project(type);
        Path to = into.resolve("acme-" + type);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path relative = from.relativize(f);
                if (relative.startsWith("target") || relative.toString().equals("build.log")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }
}
