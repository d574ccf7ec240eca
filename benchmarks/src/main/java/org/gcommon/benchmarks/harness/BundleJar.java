package org.gcommon.benchmarks.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Builds bundle jars at run time from classes of this module's {@code org.gcommon.benchmarks.bundles.*}
 * packages. Their classes are read as resources and never loaded on the launcher side: inside the
 * framework each bundle has its own copy, in its own class loader, as any plugin would.
 */
public final class BundleJar {

    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<String> packages = new ArrayList<>();

    private BundleJar(String symbolicName, String version) {
        headers.put("Bundle-ManifestVersion", "2");
        headers.put("Bundle-SymbolicName", symbolicName);
        headers.put("Bundle-Version", version);
    }

    /** @return a jar with the given identity, no classes and no imports yet */
    public static BundleJar named(String symbolicName) {
        return new BundleJar(symbolicName, "1.0.0");
    }

    /** @return this, with a manifest header set */
    public BundleJar header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** @return this, with every class of the package (not its sub-packages) inside */
    public BundleJar withPackage(String packageName) {
        packages.add(packageName);
        return this;
    }

    /** @return the jar's bytes */
    public byte[] bytes() {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach((k, v) -> main.put(new Attributes.Name(k), v));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, manifest)) {
            for (String pkg : packages) {
                Map<String, byte[]> classes = classesOf(pkg);
                if (classes.isEmpty()) {
                    throw new IllegalStateException("No classes found in package " + pkg + " on the class path");
                }
                for (Map.Entry<String, byte[]> e : classes.entrySet()) {
                    jar.putNextEntry(new JarEntry(e.getKey()));
                    jar.write(e.getValue());
                    jar.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes the jar to a file (first under a temporary name, then moved in place in one step). */
    public Path writeTo(Path file) {
        return writeTo(file, file.resolveSibling("." + file.getFileName() + ".part"));
    }

    /**
     * Writes the jar to a temporary file, then moves it to the target in one step: a watcher of the
     * target's folder sees a complete jar appear at once.
     */
    public Path writeTo(Path file, Path temp) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(temp, bytes());
            return Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Map<String, Map<String, byte[]>> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private static Map<String, byte[]> classesOf(String packageName) {
        return CACHE.computeIfAbsent(packageName, BundleJar::readClasses);
    }

    private static Map<String, byte[]> readClasses(String packageName) {
        String dir = packageName.replace('.', '/') + "/";
        Map<String, byte[]> out = new LinkedHashMap<>();
        try {
            URL url = BundleJar.class.getClassLoader().getResource(dir);
            if (url == null) {
                return out;
            }
            if ("file".equals(url.getProtocol())) {
                try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                    for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                        if (f.toString().endsWith(".class")) {
                            out.put(dir + f.getFileName(), Files.readAllBytes(f));
                        }
                    }
                }
            } else if ("jar".equals(url.getProtocol())) {
                JarFile jar = ((JarURLConnection) url.openConnection()).getJarFile();
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    JarEntry e = entries.nextElement();
                    String name = e.getName();
                    if (name.startsWith(dir) && name.endsWith(".class") && name.indexOf('/', dir.length()) < 0) {
                        try (InputStream in = jar.getInputStream(e)) {
                            out.put(name, in.readAllBytes());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
