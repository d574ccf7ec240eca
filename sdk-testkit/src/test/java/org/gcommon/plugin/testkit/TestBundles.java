package org.gcommon.plugin.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * Plugin bundles packed from this module's test classes for the container tests. They are built here
 * rather than taken from the sample plugins because the samples' own unit tests use this testkit.
 */
final class TestBundles {

    private static final Path CLASSES = Path.of("target/test-classes");

    private TestBundles() {
    }

    /** @return the {@code clock} provider plugin, registered by Declarative Services */
    static Path clockPlugin() {
        String component = "OSGI-INF/org.gcommon.plugin.testkit.clock.ClockPlugin.xml";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Bundle-SymbolicName", "org.gcommon.plugin.testkit.clock");
        headers.put("Import-Package", "org.gcommon.plugin.api;version=\"[1.0,2)\"");
        headers.put("Service-Component", component);
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="org.gcommon.plugin.testkit.clock.ClockPlugin">
                  <service>
                    <provide interface="org.gcommon.plugin.api.Plugin"/>
                    <provide interface="org.gcommon.plugin.api.ProviderPlugin"/>
                  </service>
                  <implementation class="org.gcommon.plugin.testkit.clock.ClockPlugin"/>
                </scr:component>
                """;
        return pack("clock-plugin.jar", headers, List.of("org/gcommon/plugin/testkit/clock/ClockPlugin.class"),
                Map.of(component, xml));
    }

    /** @return the {@code nosy} plugin, registered by a bundle activator (no Declarative Services) */
    static Path nosyPlugin() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Bundle-SymbolicName", "org.gcommon.plugin.testkit.nosy");
        headers.put("Bundle-Activator", "org.gcommon.plugin.testkit.nosy.NosyActivator");
        headers.put("Import-Package", "org.gcommon.plugin.api;version=\"[1.0,2)\",org.osgi.framework");
        return pack("nosy-plugin.jar", headers, List.of("org/gcommon/plugin/testkit/nosy/NosyPlugin.class",
                "org/gcommon/plugin/testkit/nosy/NosyActivator.class"), Map.of());
    }

    private static Path pack(String fileName, Map<String, String> headers, List<String> classes,
            Map<String, String> resources) {
        Path jar = Path.of("target", fileName);
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-Version", "1.0.0");
        headers.forEach(main::putValue);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest)) {
            for (String name : classes) {
                zip.putNextEntry(new ZipEntry(name));
                Files.copy(CLASSES.resolve(name), zip);
                zip.closeEntry();
            }
            for (Map.Entry<String, String> resource : resources.entrySet()) {
                zip.putNextEntry(new ZipEntry(resource.getKey()));
                zip.write(resource.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot pack " + jar.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        return jar;
    }
}
