package org.gcommon.plugin.security.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.gcommon.plugin.security.scanner.samples.CleanPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArchiveRulesTest {

    private static final byte[] MANIFEST = ("Manifest-Version: 1.0\r\nBundle-ManifestVersion: 2\r\n"
            + "Bundle-SymbolicName: com.acme.raw\r\nBundle-Version: 1.0.0\r\n\r\n").getBytes(StandardCharsets.UTF_8);

    @Test
    void aValidBundleIsAcceptedWithItsIdentity() {
        ScanReport report = Scans.scan(TestJar.bundle("com.acme.clean").withClass(CleanPlugin.class));

        assertThat(report.verdict()).isEqualTo(Verdict.ACCEPT);
        assertThat(report.findings()).isEmpty();
        assertThat(report.symbolicName()).contains("com.acme.clean");
        assertThat(report.version()).contains("1.0.0");
        assertThat(report.signers()).isEmpty();
        assertThat(report.archive()).isEqualTo("plugin.jar");
    }

    @Test
    void somethingThatIsNotAZipIsRejected() {
        ScanReport report = Scans.scan("notes.jar", "just some text, not a zip".getBytes(StandardCharsets.UTF_8));

        assertThat(report.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(report.findings(ScanRule.ARCHIVE_INVALID)).isNotEmpty();
        assertThat(report.symbolicName()).isEmpty();
    }

    @Test
    void anEmptyFileIsRejected() {
        ScanReport report = Scans.scan("empty.jar", new byte[0]);

        assertThat(report.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(report.findings()).singleElement().satisfies(f -> assertThat(f.rule()).isEqualTo(ScanRule.ARCHIVE_INVALID));
    }

    @Test
    void anEmptyZipIsNotABundle() {
        ScanReport report = Scans.scan("nothing.jar", new RawZip().finish());

        assertThat(Scans.ruleIds(report, Severity.REJECT)).containsExactly("manifest.missing");
    }

    @Test
    void aTruncatedJarIsRejectedNamingTheEntryWhereReadingStopped() {
        byte[] jar = TestJar.bundle("com.acme.cut").withClass(CleanPlugin.class).toBytes();
        byte[] cut = Arrays.copyOf(jar, jar.length / 2);

        ScanReport report = Scans.scan("cut.jar", cut);

        assertThat(report.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(report.findings(ScanRule.ARCHIVE_INVALID)).first()
                .satisfies(f -> assertThat(f.message()).contains("not a valid zip").contains("copied completely"));
    }

    @Test
    void aMissingFileGivesAReportNotAnException(@TempDir Path dir) {
        ScanReport report = new DefaultArchiveScanner().scan(dir.resolve("gone.jar"));

        assertThat(report.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(report.archive()).isEqualTo("gone.jar");
        assertThat(report.findings(ScanRule.ARCHIVE_INVALID)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("gone.jar"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "../evil.txt", "/etc/cron.d/evil", "a/../../evil.txt", "C:/Windows/evil.dll",
            "..\\..\\evil.txt", "\\evil.txt", "a/b\0.txt" })
    void entryPathsThatEscapeAreRejected(String path) {
        ScanReport report = Scans.scan(TestJar.bundle("com.acme.slip").text(path, "boo"));

        assertThat(report.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(report.findings(ScanRule.ARCHIVE_PATH_ESCAPE)).singleElement().satisfies(f -> {
            assertThat(f.entry()).isEqualTo(path.replace("\0", "\\u0000"));
            assertThat(f.message()).contains("zip slip").contains("relative");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { "a/b..c/d.txt", "docs/..hidden", "a/./b.txt", "...", "META-INF/x..y" })
    void pathsWithDotsThatStayInsideAreAccepted(String path) {
        ScanReport report = Scans.scan(TestJar.bundle("com.acme.dots").text(path, "fine"));

        assertThat(report.findings(ScanRule.ARCHIVE_PATH_ESCAPE)).isEmpty();
        assertThat(report.verdict()).isEqualTo(Verdict.ACCEPT);
    }

    @Test
    void aDuplicateEntryIsRejected() {
        byte[] zip = new RawZip().stored("META-INF/MANIFEST.MF", MANIFEST).stored("a.txt", bytes("one"))
                .stored("a.txt", bytes("two")).finish();

        ScanReport report = Scans.scan("dup.jar", zip);

        assertThat(report.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(report.findings(ScanRule.ARCHIVE_INVALID)).singleElement().satisfies(f -> {
            assertThat(f.entry()).isEqualTo("a.txt");
            assertThat(f.message()).contains("more than once");
        });
    }

    @Test
    void aRawZipWithoutTricksIsAccepted() {
        byte[] zip = new RawZip().stored("META-INF/MANIFEST.MF", MANIFEST).stored("a.txt", bytes("one"))
                .deflated("b.txt", bytes("two two two two")).finish();

        assertThat(Scans.scan("raw.jar", zip).findings()).isEmpty();
    }

    @Test
    void dataInFrontOfTheZipIsRejected() {
        byte[] jar = TestJar.bundle("com.acme.prefixed").withClass(CleanPlugin.class).toBytes();
        byte[] prefixed = concat(bytes("#!/bin/sh\nexec java -jar \"$0\"\n"), jar);

        ScanReport report = Scans.scan("prefixed.jar", prefixed);

        assertThat(report.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(ScanRule.ARCHIVE_INVALID);
            assertThat(f.message()).contains("central directory");
        });
    }

    @Test
    void anEntryHiddenInsideAnotherEntryIsRejected() {
        // The framework (central directory) would see Evil.class; a sequential reader only sees pad.bin.
        RawZip zip = new RawZip().stored("META-INF/MANIFEST.MF", MANIFEST);
        long padAt = zip.position();
        byte[] hidden = RawZip.localStored("com/acme/Evil.class", TestJar.classBytes(CleanPlugin.class));
        byte[] pad = concat(bytes("padding"), hidden);
        zip.raw(RawZip.localStored("pad.bin", pad)).listed("pad.bin", pad, padAt);
        zip.listed("com/acme/Evil.class", TestJar.classBytes(CleanPlugin.class), padAt + 30 + "pad.bin".length() + 7);

        ScanReport report = Scans.scan("hidden.jar", zip.finish());

        assertThat(report.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(report.findings(ScanRule.ARCHIVE_INVALID)).singleElement().satisfies(f -> {
            assertThat(f.entry()).isEqualTo("com/acme/Evil.class");
            assertThat(f.message()).contains("central directory").contains("does not find it");
        });
    }

    @Test
    void anEntryWhoseCentralDirectoryCopyDiffersIsRejected() {
        // Same names on both sides, but the central directory points x.txt at other bytes than the stream reads.
        RawZip zip = new RawZip().stored("META-INF/MANIFEST.MF", MANIFEST);
        long padAt = zip.position();
        byte[] evil = RawZip.localStored("x.txt", bytes("EVIL"));
        zip.raw(RawZip.localStored("pad.bin", evil)).listed("pad.bin", evil, padAt);
        zip.listed("x.txt", bytes("good"), padAt + 30 + "pad.bin".length());
        zip.raw(RawZip.localStored("x.txt", bytes("good")));

        ScanReport report = Scans.scan("twofaced.jar", zip.finish());

        assertThat(report.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(report.findings(ScanRule.ARCHIVE_INVALID)).singleElement().satisfies(f -> {
            assertThat(f.entry()).isEqualTo("x.txt");
            assertThat(f.message()).contains("differs from its local entry");
        });
    }

    @Test
    void anArchiveFileLargerThanTheLimitIsRejectedBeforeReading(@TempDir Path dir) throws Exception {
        byte[] noise = new byte[5000];
        new Random(1).nextBytes(noise); // does not compress: the file itself is over the limit
        Path big = Files.write(dir.resolve("big.jar"), TestJar.bundle("com.acme.big").entry("r.bin", noise).toBytes());

        ScanReport report = new DefaultArchiveScanner(ScanPolicy.defaults().withMaxUncompressedBytes(1000)).scan(big);

        assertThat(report.findings(ScanRule.ARCHIVE_TOO_LARGE)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("larger than 1000 bytes"));
    }

    @Test
    void theEntryLimitCountsEveryEntry() {
        TestJar jar = TestJar.bundle("com.acme.many");
        for (int i = 0; i < 99; i++) {
            jar.text("r/" + i + ".txt", "x");
        }
        // 99 resources + the manifest = 100 entries

        assertThat(Scans.scan(ScanPolicy.defaults().withMaxEntries(100), jar).verdict()).isEqualTo(Verdict.ACCEPT);
        ScanReport over = Scans.scan(ScanPolicy.defaults().withMaxEntries(99), jar);
        assertThat(over.findings(ScanRule.ARCHIVE_TOO_MANY_ENTRIES)).singleElement().satisfies(f -> {
            assertThat(f.entry()).isEqualTo("r/98.txt");
            assertThat(f.message()).contains("more than 99 entries").contains("archive.max-entries");
        });
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
