package org.gcommon.plugin.maven.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.resource.Capability;
import org.osgi.resource.Resource;

import aQute.bnd.osgi.repository.XMLResourceParser;
import aQute.bnd.osgi.resource.ResourceUtils;

class PluginIndexTest {

    @TempDir
    Path target;

    @Test
    void listsEachBundleWithItsPluginNameTypeSha256AndARelativeUrl() throws Exception {
        Path plugin = bundle(target.resolve("acme-cache-1.0.0.jar"), "com.acme.cache", "1.0.0",
                "gcommon.plugin;gcommon.plugin=acme-cache;type=provider");
        Path library = bundle(target.resolve("dependencies/acme-text-2.1.0.jar"), "com.acme.text", "2.1.0", null);
        Path index = target.resolve("index.xml");

        List<Resource> written = new PluginIndex(index, "acme plugins").write(List.of(plugin, library), false);

        assertThat(written).hasSize(2);
        String xml = Files.readString(index);
        assertThat(xml).contains("name=\"acme plugins\"", "\"acme-cache-1.0.0.jar\"", "\"dependencies/acme-text-2.1.0.jar\"")
                .doesNotContain(target.toString());
        List<Resource> read = parse(Files.newInputStream(index), index);
        Resource cache = read.stream().filter(r -> ResourceUtils.getIdentityCapability(r).osgi_identity().equals("com.acme.cache"))
                .findFirst().orElseThrow();
        Capability name = cache.getCapabilities("gcommon.plugin").get(0);
        assertThat(name.getAttributes()).containsEntry("gcommon.plugin", "acme-cache").containsEntry("type", "provider");
        assertThat(ResourceUtils.getContentCapability(cache).osgi_content()).isEqualToIgnoringCase(sha256(plugin));
        assertThat(ResourceUtils.getContentCapability(cache).url()).isEqualTo(plugin.toUri());
        assertThat(target.resolve("index.xml.gz")).doesNotExist();
    }

    @Test
    void writesAGzippedCopyThatReadsTheSame() throws Exception {
        Path plugin = bundle(target.resolve("acme-cache-1.0.0.jar"), "com.acme.cache", "1.0.0", null);
        Path index = target.resolve("index.xml");

        new PluginIndex(index, "acme").write(List.of(plugin), true);

        Path gzipped = target.resolve("index.xml.gz");
        List<Resource> read = parse(new GZIPInputStream(Files.newInputStream(gzipped)), index);
        assertThat(read).hasSize(1);
        assertThat(ResourceUtils.getContentCapability(read.get(0)).osgi_content()).isEqualToIgnoringCase(sha256(plugin));
    }

    @Test
    void refusesAJarOutsideTheIndexFolderNamingIt() throws Exception {
        Path outside = bundle(target.resolve("elsewhere/acme.jar"), "com.acme", "1.0.0", null);
        Path index = target.resolve("repository/index.xml");

        assertThatThrownBy(() -> new PluginIndex(index, "acme").write(List.of(outside), false))
                .hasMessageContaining(outside.toString()).hasMessageContaining("outside").hasMessageContaining("copy it");
        assertThat(index).doesNotExist();
    }

    @Test
    void refusesAJarThatIsNoBundleNamingIt() throws Exception {
        Path plain = target.resolve("plain.jar");
        writeJar(plain, new Manifest());

        assertThatThrownBy(() -> new PluginIndex(target.resolve("index.xml"), "acme").write(List.of(plain), false))
                .hasMessageContaining(plain.toString()).hasMessageContaining("Bundle-SymbolicName");
    }

    private static List<Resource> parse(InputStream in, Path index) throws Exception {
        try (in; XMLResourceParser parser = new XMLResourceParser(in, "test", index.toUri())) {
            List<Resource> resources = parser.parse();
            assertThat(parser.getErrors()).isEmpty();
            return resources;
        }
    }

    private static Path bundle(Path jar, String symbolicName, String version, String capability) throws Exception {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        if (capability != null) {
            main.putValue("Provide-Capability", capability);
        }
        return writeJar(jar, manifest);
    }

    private static Path writeJar(Path jar, Manifest manifest) throws Exception {
        manifest.getMainAttributes().putIfAbsent(Attributes.Name.MANIFEST_VERSION, "1.0");
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            jarOut.putNextEntry(new JarEntry("readme.txt"));
            jarOut.write("a bundle\n".getBytes(StandardCharsets.UTF_8));
            jarOut.closeEntry();
        }
        return jar;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
