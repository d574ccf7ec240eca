package org.gcommon.container;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the jars the scanner and limits test drops into a container's {@code deploy/}: bundles with
 * given manifest headers (and, for plugins, class files from the test classpath), and archives broken
 * on purpose: not a zip, no manifest, an entry that escapes (zip slip), a zip bomb.
 */
public final class DeployJars {

    private DeployJars() {
    }

    /** Text with a {@code .jar} name: what a failed download or a mistyped copy leaves behind. */
    public static Path notAZip(Path jar) throws IOException {
        return Files.writeString(jar, "<html><body>404 Not Found</body></html>\n", StandardCharsets.UTF_8);
    }

    /** A valid zip holding a class-like entry but no {@code META-INF/MANIFEST.MF}. */
    public static Path withoutManifest(Path jar) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("com/example/Readme.txt"));
            zip.write("a plain zip, not a bundle\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return jar;
    }

    /**
     * @param headers manifest headers besides {@code Manifest-Version} and {@code Bundle-ManifestVersion: 2}
     * @param entries further entries: path in the jar → content
     * @return a bundle jar with that manifest and those entries
     */
    public static Path bundle(Path jar, Map<String, String> headers, Map<String, String> entries) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            writeManifest(zip, headers);
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return jar;
    }

    /** A bundle with an entry {@code ../../evil.txt}: extracted naively, it lands two folders above the target. */
    public static Path zipSlip(Path jar, String symbolicName) throws IOException {
        return bundle(jar, Map.of("Bundle-SymbolicName", symbolicName, "Bundle-Version", "1.0.0"),
                Map.of("../../evil.txt", "written outside the folder the archive was extracted to\n"));
    }

    /**
     * A bundle with one entry of {@code uncompressedBytes} zeros, deflated. Written as a stream: the zeros
     * never exist in memory or on disk, only the few hundred KB they compress to.
     */
    public static Path zipBomb(Path jar, String symbolicName, long uncompressedBytes) throws IOException {
        byte[] zeros = new byte[1 << 20];
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            writeManifest(zip, Map.of("Bundle-SymbolicName", symbolicName, "Bundle-Version", "1.0.0"));
            zip.putNextEntry(new ZipEntry("data/zeros.bin"));
            for (long left = uncompressedBytes; left > 0; left -= zeros.length) {
                zip.write(zeros, 0, (int) Math.min(zeros.length, left));
            }
            zip.closeEntry();
        }
        return jar;
    }

    /**
     * @param headers manifest headers (Bundle-SymbolicName, Bundle-Activator, Import-Package …)
     * @param packagesOf one class of each package to pack: every class file of that package is added
     * @return a bundle jar with the compiled classes of those packages, read from the test classpath
     */
    public static Path plugin(Path jar, Map<String, String> headers, Class<?>... packagesOf) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            writeManifest(zip, headers);
            for (Class<?> anchor : packagesOf) {
                String packagePath = anchor.getPackageName().replace('.', '/');
                Path dir = classesRoot(anchor).resolve(packagePath);
                try (var files = Files.list(dir)) {
                    for (Path classFile : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                        zip.putNextEntry(new ZipEntry(packagePath + "/" + classFile.getFileName()));
                        zip.write(Files.readAllBytes(classFile));
                        zip.closeEntry();
                    }
                }
            }
        }
        return jar;
    }

    private static void writeManifest(ZipOutputStream zip, Map<String, String> headers) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        headers.forEach(main::putValue);
        zip.putNextEntry(new ZipEntry(JarFile.MANIFEST_NAME));
        manifest.write(zip); // flushes, does not close
        zip.closeEntry();
    }

    private static Path classesRoot(Class<?> anchor) {
        try {
            Path root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isDirectory(root)) {
                throw new IllegalStateException(anchor.getName() + " was loaded from " + root
                        + ", not from a classes directory: run the tests from target/test-classes (mvn verify)");
            }
            return root;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the class files of " + anchor.getName(), e);
        }
    }
}
