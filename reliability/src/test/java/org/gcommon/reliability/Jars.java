package org.gcommon.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Jar files as an operator handles them: a new build of a plugin, a copy dropped in at once. */
final class Jars {

    private Jars() {
    }

    /**
     * Writes a copy of a bundle jar whose Bundle-Version is {@code version}: what a rebuild of the plugin
     * with a new version looks like to the container.
     */
    static Path withVersion(Path source, Path target, String version) throws IOException {
        Files.createDirectories(target.getParent());
        try (JarFile in = new JarFile(source.toFile(), false); OutputStream file = Files.newOutputStream(target)) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Bundle-Version", version);
            try (JarOutputStream out = new JarOutputStream(file, manifest)) {
                for (Enumeration<JarEntry> entries = in.entries(); entries.hasMoreElements();) {
                    JarEntry entry = entries.nextElement();
                    if (entry.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME) || entry.getName().equals("META-INF/")) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream data = in.getInputStream(entry)) {
                        data.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        return target;
    }

    /** @return the Bundle-Version in a jar's manifest */
    static String versionOf(Path jar) throws IOException {
        try (JarFile in = new JarFile(jar.toFile(), false)) {
            return in.getManifest().getMainAttributes().getValue("Bundle-Version");
        }
    }

    /**
     * Puts {@code jar} into {@code folder} under {@code name} in one step (written beside as a hidden file,
     * then renamed), replacing what is there: the watcher never sees half a jar.
     */
    static Path drop(Path jar, Path folder, String name) throws IOException {
        Path hidden = folder.resolve("." + name + ".part");
        Files.copy(jar, hidden, StandardCopyOption.REPLACE_EXISTING);
        return Files.move(hidden, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
