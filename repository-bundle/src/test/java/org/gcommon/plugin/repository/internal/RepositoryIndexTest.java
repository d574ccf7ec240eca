package org.gcommon.plugin.repository.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;

import aQute.bnd.osgi.repository.SimpleIndexer;

/** Index reading, catalog search, API compatibility and checksum checks on an index bnd's indexer wrote. */
class RepositoryIndexTest {

    @TempDir
    Path dir;

    private Catalog catalog() throws Exception {
        File app = jar("acme.app", "1.0.0", "acme-app", "generic", "org.gcommon.plugin.api;version=\"[1.0,2)\"");
        File future = jar("acme.future", "1.0.0", "acme-future", "extension", "org.gcommon.plugin.api;version=\"[2.0,3)\"");
        new SimpleIndexer().files(List.of(app, future)).base(dir.toUri()).name("test").index(dir.resolve("index.xml").toFile());
        RepositoryLocation location = RepositoryLocation.of(dir.toString(), dir);
        List<CatalogEntry> entries = new IndexReader(new SourceStreams(Duration.ofSeconds(5))).read(location).stream()
                .map(r -> CatalogEntry.of(r, dir.toString())).toList();
        return new Catalog(entries, List.of());
    }

    @Test
    void readsNamesTypesSourcesAndChecksumsFromTheIndex() throws Exception {
        Catalog catalog = catalog();

        CatalogEntry app = catalog.versions("acme-app").get(0);
        assertThat(app.symbolicName()).isEqualTo("acme.app");
        assertThat(app.version()).isEqualTo(Version.parseVersion("1.0.0"));
        assertThat(app.type()).isEqualTo("generic");
        assertThat(app.source()).isEqualTo(dir.resolve("acme.app-1.0.0.jar").toUri());
        assertThat(app.sha256()).hasSize(64);
        assertThat(catalog.search("future", null, null)).hasSize(1);
        assertThat(catalog.search(null, "generic", null)).extracting(l -> l.get(0).name()).containsExactly("acme-app");
    }

    @Test
    void refusesAPluginBuiltForANewerApiMajorVersionWithTheVersionsNamed() throws Exception {
        Catalog catalog = catalog();
        ApiCompatibility compatibility = new ApiCompatibility(Map.of("org.gcommon.plugin.api", Version.parseVersion("1.0.0")));

        assertThat(compatibility.incompatibility(catalog.versions("acme-app").get(0))).isEmpty();
        assertThat(compatibility.incompatibility(catalog.versions("acme-future").get(0))).hasValueSatisfying(why -> assertThat(why)
                .contains("acme-future 1.0.0", "gcommon API 2.x", "org.gcommon.plugin.api 1.0.0"));
    }

    @Test
    void refusesADownloadWhoseChecksumDiffersFromTheIndex() throws Exception {
        Catalog catalog = catalog();
        CatalogEntry app = catalog.versions("acme-app").get(0);
        ArtifactFetcher fetcher = new ArtifactFetcher(new SourceStreams(Duration.ofSeconds(5)), dir.resolve("spool"), 1 << 20);

        Path verified = fetcher.fetch(app);
        assertThat(verified).hasSameBinaryContentAs(dir.resolve("acme.app-1.0.0.jar"));

        Files.write(dir.resolve("acme.app-1.0.0.jar"), new byte[] { 1, 2, 3 });
        assertThatThrownBy(() -> fetcher.fetch(app)).isInstanceOf(RepositoryException.class)
                .hasMessageContaining("SHA-256").hasMessageContaining("nothing was installed");
        try (var left = Files.list(dir.resolve("spool"))) {
            assertThat(left).containsExactly(verified);
        }
    }

    @Test
    void namesAnUnreadableRepositoryAndItsFix() {
        RepositoryLocation missing = new RepositoryLocation("nowhere", dir.resolve("nowhere/index.xml").toUri());

        assertThatThrownBy(() -> new IndexReader(new SourceStreams(Duration.ofSeconds(5))).read(missing))
                .isInstanceOf(RepositoryException.class).hasMessageContaining("nowhere");
    }

    @Test
    void refusesARepositoryEntryWithAnUnknownScheme() {
        assertThatThrownBy(() -> RepositoryLocation.of("ftp://example.org/index.xml", dir))
                .isInstanceOf(RepositoryException.class).hasMessageContaining("file, http or https");
    }

    private File jar(String symbolicName, String version, String name, String type, String imports) throws Exception {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        main.putValue("Import-Package", imports);
        main.putValue("Provide-Capability", "gcommon.plugin;gcommon.plugin=" + name + ";type=" + type);
        Path jar = dir.resolve(symbolicName + "-" + version + ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
            // the manifest is the whole bundle
        }
        return jar.toFile();
    }
}
