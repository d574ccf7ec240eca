package org.gcommon.plugin.manager.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveCheckTest {

    @TempDir
    Path dir;

    private Path bundle(String name, String... headers) throws IOException {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        for (int i = 0; i < headers.length; i += 2) {
            mf.getMainAttributes().putValue(headers[i], headers[i + 1]);
        }
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, mf)) {
            j.putNextEntry(new ZipEntry("a/Thing.class"));
            j.write(new byte[] { 1, 2, 3 });
        }
        return jar;
    }

    @Test
    void aBundleIsIdentified() throws IOException {
        ArchiveCheck.Result r = ArchiveCheck.inspect(bundle("ok.jar", "Bundle-ManifestVersion", "2",
                "Bundle-SymbolicName", "com.acme.ok;singleton:=true", "Bundle-Version", "1.2.3.beta"));

        assertThat(r.passed()).isTrue();
        assertThat(r.identity().symbolicName()).isEqualTo("com.acme.ok");
        assertThat(r.identity().version().toString()).isEqualTo("1.2.3.beta");
    }

    @Test
    void garbageIsNotAZip() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.jar"), "this is not a zip");

        ArchiveCheck.Result r = ArchiveCheck.inspect(junk);

        assertThat(r.passed()).isFalse();
        assertThat(r.reasons()).singleElement().asString().contains("junk.jar is not a valid jar (zip) archive")
                .contains("replace it");
    }

    @Test
    void zipWithoutManifestOrHeadersIsRefusedWithTheFix() throws IOException {
        Path plain = dir.resolve("plain.jar");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(plain))) {
            z.putNextEntry(new ZipEntry("x.txt"));
        }
        assertThat(ArchiveCheck.inspect(plain).reasons()).singleElement().asString().contains("no META-INF/MANIFEST.MF");
        assertThat(ArchiveCheck.inspect(bundle("nobsn.jar", "Bundle-ManifestVersion", "2")).reasons()).singleElement()
                .asString().contains("no Bundle-SymbolicName");
        assertThat(ArchiveCheck.inspect(bundle("old.jar", "Bundle-SymbolicName", "a")).reasons()).singleElement()
                .asString().contains("no Bundle-ManifestVersion");
        assertThat(ArchiveCheck.inspect(bundle("badv.jar", "Bundle-ManifestVersion", "2", "Bundle-SymbolicName", "a",
                "Bundle-Version", "1.x")).reasons()).singleElement().asString().contains("invalid Bundle-Version '1.x'")
                .contains("e.g. 1.2.0");
    }
}
