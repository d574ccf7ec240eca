package org.gcommon.plugin.manager.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

import org.osgi.framework.Bundle;

/**
 * A copy of the jar each deploy-folder plugin runs now, in the manager's data area, so that an update
 * can always be undone: the jar in {@code deploy/} is already the new one when an update is applied.
 * Copies are written atomically; a plugin installed before copies were kept gets one rebuilt from the
 * installed bundle's own entries before its first update.
 */
final class KeptJars {

    private final Path folder;

    KeptJars(Path folder) {
        this.folder = folder;
    }

    /** @return where the copy for a bundle location lives (it may not exist) */
    Path of(String location) {
        return folder.resolve(PluginListing.fileName(location));
    }

    boolean has(String location) {
        return Files.isRegularFile(of(location));
    }

    /** Keeps the jar as the one to go back to. */
    void keep(String location, Path jar) throws IOException {
        Files.createDirectories(folder);
        AtomicFiles.copy(jar, of(location));
    }

    /**
     * Makes sure a copy exists, rebuilding it from the installed bundle's entries when none was kept
     * (plugins installed before the runtime kept copies).
     */
    void ensure(String location, Bundle bundle) throws IOException {
        if (has(location)) {
            return;
        }
        Files.createDirectories(folder);
        Path temp = AtomicFiles.tempSibling(of(location));
        try {
            try (OutputStream file = Files.newOutputStream(temp); JarOutputStream jar = new JarOutputStream(file)) {
                copyEntry(bundle, JarFile.MANIFEST_NAME, jar);
                Enumeration<URL> entries = Privileged.call(() -> bundle.findEntries("/", "*", true));
                for (URL url : entries == null ? Collections.<URL>emptyList() : Collections.list(entries)) {
                    String name = url.getPath().startsWith("/") ? url.getPath().substring(1) : url.getPath();
                    if (name.isEmpty() || name.equals(JarFile.MANIFEST_NAME) || name.equals("META-INF/")) {
                        continue;
                    }
                    jar.putNextEntry(new JarEntry(name));
                    if (!name.endsWith("/")) {
                        try (InputStream in = url.openStream()) {
                            in.transferTo(jar);
                        }
                    }
                    jar.closeEntry();
                }
            }
            AtomicFiles.move(temp, of(location), true);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void copyEntry(Bundle bundle, String name, JarOutputStream jar) throws IOException {
        URL url = Privileged.call(() -> bundle.getEntry(name));
        if (url == null) {
            return;
        }
        jar.putNextEntry(new JarEntry("META-INF/"));
        jar.closeEntry();
        jar.putNextEntry(new JarEntry(name));
        try (InputStream in = url.openStream()) {
            in.transferTo(jar);
        }
        jar.closeEntry();
    }

    void remove(String location) {
        try {
            Files.deleteIfExists(of(location));
        } catch (IOException e) {
            // an orphaned copy costs disk space only; it is replaced when the name is used again
        }
    }

    void removeLeftovers() {
        AtomicFiles.removeLeftovers(folder);
    }
}
