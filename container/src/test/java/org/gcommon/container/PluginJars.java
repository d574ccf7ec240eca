package org.gcommon.container;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Packs plugin classes compiled with the tests (each plugin in a package of its own) into bundle jars:
 * the class files of the given packages, read from the test classpath, a manifest with an activator and
 * imports, and, when given, the plugin's {@code OSGI-INF/permissions.perm}.
 */
public final class PluginJars {

    private final String symbolicName;
    private final String version;
    private final List<Class<?>> packagesOf = new ArrayList<>();
    private final List<String> imports = new ArrayList<>(List.of("org.osgi.framework", "org.gcommon.plugin.api",
            "org.gcommon.plugin.api.event"));
    private String activator;
    private List<String> permissions;
    private final java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();

    private PluginJars(String symbolicName, String version) {
        this.symbolicName = Objects.requireNonNull(symbolicName, "symbolicName");
        this.version = Objects.requireNonNull(version, "version");
    }

    /**
     * @param symbolicName the Bundle-SymbolicName
     * @param version      the Bundle-Version
     * @return a jar that imports the OSGi framework and the gcommon plugin API, with nothing in it yet
     */
    public static PluginJars bundle(String symbolicName, String version) {
        return new PluginJars(symbolicName, version);
    }

    /** Adds the activator's class and every other class of its package, and names it the Bundle-Activator. */
    public PluginJars activator(Class<?> activatorClass) {
        this.activator = activatorClass.getName();
        return withPackageOf(activatorClass);
    }

    /** Adds every class of the package of {@code anyClass} (a private copy: nothing is exported). */
    public PluginJars withPackageOf(Class<?> anyClass) {
        packagesOf.add(anyClass);
        return this;
    }

    /** Adds Import-Package clauses, e.g. {@code com.example;version="[1,2)"}. */
    public PluginJars importing(String... clauses) {
        imports.addAll(List.of(clauses));
        return this;
    }

    /** Adds a manifest header, e.g. the {@code Provide-Capability} a plugin repository lists it by. */
    public PluginJars header(String name, String value) {
        headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Gives the jar an {@code OSGI-INF/permissions.perm} with these lines. */
    public PluginJars declaring(String... permissionLines) {
        this.permissions = List.of(permissionLines);
        return this;
    }

    /**
     * @param jar where to write the bundle
     * @return the jar
     * @throws IOException when a class file cannot be read or the jar cannot be written
     */
    public Path writeTo(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        if (activator != null) {
            main.putValue("Bundle-Activator", activator);
        }
        main.putValue("Import-Package", String.join(",", imports));
        headers.forEach(main::putValue);
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            for (Class<?> anchor : packagesOf) {
                addPackage(jarOut, anchor);
            }
            if (permissions != null) {
                jarOut.putNextEntry(new JarEntry("OSGI-INF/permissions.perm"));
                jarOut.write((String.join("\n", permissions) + "\n").getBytes(StandardCharsets.UTF_8));
                jarOut.closeEntry();
            }
        }
        return jar;
    }

    private static void addPackage(JarOutputStream jarOut, Class<?> anchor) throws IOException {
        String packagePath = anchor.getPackageName().replace('.', '/');
        Path dir = classesRoot(anchor).resolve(packagePath);
        List<Path> classFiles;
        try (Stream<Path> files = Files.list(dir)) {
            classFiles = files.filter(f -> f.getFileName().toString().endsWith(".class")).sorted().toList();
        }
        for (Path classFile : classFiles) {
            jarOut.putNextEntry(new JarEntry(packagePath + "/" + classFile.getFileName()));
            jarOut.write(Files.readAllBytes(classFile));
            jarOut.closeEntry();
        }
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
