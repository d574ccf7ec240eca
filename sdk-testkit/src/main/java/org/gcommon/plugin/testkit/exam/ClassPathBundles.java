package org.gcommon.plugin.testkit.exam;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The bundle jars on the test's class path, by Bundle-SymbolicName. Maven puts every test dependency
 * there, in the versions the project's pom (and the gcommon BOM) chose, so installing these exact files
 * needs no repository and no network.
 */
final class ClassPathBundles {

    private static volatile Map<String, Path> bySymbolicName;

    private ClassPathBundles() {
    }

    /**
     * @param symbolicName a Bundle-SymbolicName
     * @return the jar on the class path with that name, if there is one
     */
    static Optional<Path> find(String symbolicName) {
        return Optional.ofNullable(index().get(symbolicName));
    }

    private static Map<String, Path> index() {
        Map<String, Path> index = bySymbolicName;
        if (index == null) {
            Map<String, Path> found = new HashMap<>();
            for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
                Path path = Path.of(entry);
                if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
                    // the first entry on the class path wins, as for classes
                    symbolicName(path).ifPresent(name -> found.putIfAbsent(name, path));
                }
            }
            index = Map.copyOf(found);
            bySymbolicName = index;
        }
        return index;
    }

    /**
     * @param jar a jar file
     * @return its Bundle-SymbolicName without attributes, if it is a bundle
     */
    static Optional<String> symbolicName(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String value = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
            if (value == null || value.isBlank()) {
                return Optional.empty();
            }
            int semicolon = value.indexOf(';');
            return Optional.of((semicolon < 0 ? value : value.substring(0, semicolon)).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
