package org.gcommon.plugin.security.scanner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds jars for tests: a manifest (written first, as the jar tool does) and entries. */
public final class TestJar {

    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, byte[]> entries = new LinkedHashMap<>();
    private boolean withManifest = true;

    private TestJar() {
    }

    /** @return a valid plugin bundle with the given symbolic name, version 1.0.0 and no content */
    public static TestJar bundle(String symbolicName) {
        return new TestJar().header("Bundle-ManifestVersion", "2").header("Bundle-SymbolicName", symbolicName)
                .header("Bundle-Version", "1.0.0");
    }

    /** @return a jar without META-INF/MANIFEST.MF */
    public static TestJar withoutManifest() {
        TestJar jar = new TestJar();
        jar.withManifest = false;
        return jar;
    }

    /** Sets a manifest header; {@code null} removes it. */
    public TestJar header(String name, String value) {
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
        return this;
    }

    public TestJar entry(String name, byte[] content) {
        entries.put(name, content);
        return this;
    }

    public TestJar text(String name, String content) {
        return entry(name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds the compiled class from the test class path, under its own path. */
    public TestJar withClass(Class<?> c) {
        return entry(c.getName().replace('.', '/') + ".class", classBytes(c));
    }

    public static byte[] classBytes(Class<?> c) {
        String resource = "/" + c.getName().replace('.', '/') + ".class";
        try (InputStream in = c.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            if (withManifest) {
                Manifest m = new Manifest();
                m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
                headers.forEach((k, v) -> m.getMainAttributes().putValue(k, v));
                zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
                m.write(zip);
                zip.closeEntry();
            }
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public Path writeTo(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, toBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
