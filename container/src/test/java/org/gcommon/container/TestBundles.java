package org.gcommon.container;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes minimal bundle jars: a manifest and nothing else. */
public final class TestBundles {

    private TestBundles() {
    }

    /**
     * @param jar     where to write
     * @param headers manifest headers besides {@code Manifest-Version} and {@code Bundle-ManifestVersion}
     * @return the jar
     * @throws IOException when it cannot be written
     */
    public static Path write(Path jar, Map<String, String> headers) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        headers.forEach(main::putValue);
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            // the manifest is the whole bundle
        }
        return jar;
    }

    public static Path bundle(Path jar, String symbolicName, String version) throws IOException {
        return write(jar, Map.of("Bundle-SymbolicName", symbolicName, "Bundle-Version", version));
    }
}
