package org.gcommon.plugin.maven.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleReaderTest {

    @TempDir
    Path temp;

    /** Packs src/test/resources/fixture (MANIFEST.MF and OSGI-INF) as a bundle jar. */
    private Path fixtureJar() throws IOException {
        Path fixture = Path.of("src/test/resources/fixture");
        Path jar = temp.resolve("weather.jar");
        Manifest manifest;
        try (InputStream in = Files.newInputStream(fixture.resolve("MANIFEST.MF"))) {
            manifest = new Manifest(in);
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest);
                Stream<Path> files = Files.walk(fixture.resolve("OSGI-INF"))) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                zip.putNextEntry(new ZipEntry(fixture.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void readsOnePluginPerPluginComponent() throws Exception {
        List<PluginDoc> docs = BundleReader.read(fixtureJar());

        assertThat(docs).hasSize(1);
        PluginDoc doc = docs.get(0);
        assertThat(doc.name()).isEqualTo("weather");
        assertThat(doc.type()).isEqualTo("integration");
        assertThat(doc.symbolicName()).isEqualTo("com.acme.weather");
        assertThat(doc.component()).isEqualTo("com.acme.WeatherPlugin");
    }

    @Test
    void theConfigurationComesFromTheDesignatedMetatype() throws Exception {
        PluginDoc doc = BundleReader.read(fixtureJar()).get(0);

        assertThat(doc.configuration()).extracting(PluginDoc.ConfigKey::key).containsExactly("city", "retries", "units", "apiKey");
        assertThat(doc.configuration().get(1)).isEqualTo(new PluginDoc.ConfigKey("retries", "Integer", "3", "Retries",
                "Attempts per call", "at least 1, at most 10"));
        assertThat(doc.configuration().get(2).range()).isEqualTo("one of metric, imperial");
        assertThat(doc.configuration().get(3).defaultValue()).isNull();
    }

    @Test
    void permissionsKeepTheCommentAboveThemAsTheReason() throws Exception {
        PluginDoc doc = BundleReader.read(fixtureJar()).get(0);

        assertThat(doc.permissions()).containsExactly(
                new PluginDoc.Permission("org.osgi.framework.PackagePermission", "org.gcommon.plugin.api", "import", "Imports."),
                new PluginDoc.Permission("java.net.SocketPermission", "api.weather.example:443", "connect,resolve",
                        "Calling the weather service. Only over https."));
    }

    @Test
    void servicesEventsHealthAndExportsComeFromTheComponentAndTheManifest() throws Exception {
        PluginDoc doc = BundleReader.read(fixtureJar()).get(0);

        assertThat(doc.provided()).extracting(PluginDoc.ProvidedService::properties).containsOnly("service.ranking=5");
        assertThat(doc.used()).containsExactly(new PluginDoc.UsedService("org.gcommon.plugin.api.integration.Resilience",
                "resilience", "1..1", "static", ""));
        assertThat(doc.published()).containsExactly(new PluginDoc.Event("gcommon/plugin/weather/changed",
                "the weather changed, payload: a map, with commas"));
        assertThat(doc.consumed()).extracting(PluginDoc.Event::topic).containsExactly("org/gcommon/plugin/STATE/*");
        assertThat(doc.health()).extracting(PluginDoc.HealthState::status).containsExactly("HEALTHY", "DEGRADED");
        assertThat(doc.exports()).containsExactly(new PluginDoc.ExportedPackage("com.acme.weather.api", "2.1.0"),
                new PluginDoc.ExportedPackage("com.acme.weather.spi", "1.0.0"));
    }

    @Test
    void rendersMarkdownAndEscapedHtml() throws Exception {
        PluginDoc doc = BundleReader.read(fixtureJar()).get(0);

        assertThat(PluginDocRenderer.markdown(doc)).startsWith("# weather (integration plugin)\n")
                .contains("| city | String | Lyon | Whose weather \\| to fetch |")
                .contains("| apiKey | String | (none: required) | The key <secret> |")
                .contains("| java.net.SocketPermission | api.weather.example:443 | connect,resolve | Calling the weather service. Only over https. |");
        assertThat(PluginDocRenderer.html(doc)).contains("<td>apiKey</td><td>String</td><td>(none: required)</td><td>The key &lt;secret&gt;</td>")
                .doesNotContain("<secret>");
    }

    @Test
    void aJarWithoutManifestIsAnErrorNamingIt() throws Exception {
        Path jar = temp.resolve("plain.jar");
        try (OutputStream out = Files.newOutputStream(jar); java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("a.txt"));
            zip.closeEntry();
        }

        assertThatIOException().isThrownBy(() -> BundleReader.read(jar)).withMessageContaining("plain.jar has no manifest");
    }
}
