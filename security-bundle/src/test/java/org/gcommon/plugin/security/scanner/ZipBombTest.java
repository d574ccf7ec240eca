package org.gcommon.plugin.security.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zip bombs: the scanner counts the bytes it really inflates (never the sizes headers declare), stops
 * at the first limit, and neither memory nor disk grows with the bomb.
 */
class ZipBombTest {

    private static final long MB = 1024 * 1024;
    /** Far below the bomb's 200 MB: what the scanner may allocate while rejecting it. */
    private static final long ALLOCATION_BOUND = 32 * MB;
    private static final Duration QUICKLY = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void twoHundredMegabytesOfZerosDeclaredSmallAreRejectedByTheirRatio() {
        ScanReport report = scanBounded(ScanPolicy.defaults(),
                () -> RawZip.zeroBomb("data/zeros.bin", 200 * MB, 1000));

        assertThat(report.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(report.findings(ScanRule.ARCHIVE_COMPRESSION_RATIO)).singleElement().satisfies(f -> {
            assertThat(f.entry()).isEqualTo("data/zeros.bin");
            assertThat(f.message()).contains("more than 100 times").contains("archive.max-ratio");
        });
    }

    @Test
    void withAHighRatioAllowedTheTotalLimitStopsTheBomb() {
        ScanPolicy policy = ScanPolicy.defaults().withMaxRatio(1_000_000).withMaxUncompressedBytes(64 * MB);

        ScanReport report = scanBounded(policy, () -> RawZip.zeroBomb("zeros.bin", 200 * MB, 1000));

        assertThat(report.findings(ScanRule.ARCHIVE_TOO_LARGE)).singleElement().satisfies(f -> {
            assertThat(f.entry()).isEqualTo("zeros.bin");
            assertThat(f.message()).contains("more than " + 64 * MB + " bytes");
        });
    }

    @Test
    void aBombFileIsRejectedWithoutReadingItAll() throws Exception {
        Path bomb = dir.resolve("bomb.jar");
        try (InputStream in = RawZip.zeroBomb("zeros.bin", 200 * MB, 1000); OutputStream out = Files.newOutputStream(bomb)) {
            in.transferTo(out);
        }
        ArchiveScanner scanner = new DefaultArchiveScanner();

        AtomicReference<ScanReport> report = new AtomicReference<>();
        long allocated = assertTimeoutPreemptively(QUICKLY, () -> Scans.allocatedBy(() -> report.set(scanner.scan(bomb))));

        assertThat(report.get().findings(ScanRule.ARCHIVE_COMPRESSION_RATIO)).hasSize(1);
        assertThat(allocated).isLessThan(ALLOCATION_BOUND);
    }

    @Test
    void aMillionTinyEntriesAreRejectedAtTheEntryLimit() {
        ScanReport report = scanBounded(ScanPolicy.defaults(), () -> RawZip.manyEntries(1_000_000));

        assertThat(report.findings(ScanRule.ARCHIVE_TOO_MANY_ENTRIES)).singleElement().satisfies(f -> {
            assertThat(f.entry()).isEqualTo(RawZip.manyEntriesName((int) ScanPolicy.DEFAULT_MAX_ENTRIES));
            assertThat(f.message()).contains("more than " + ScanPolicy.DEFAULT_MAX_ENTRIES + " entries");
        });
    }

    @Test
    void anEntryOfZerosInAnOrdinaryJarIsRejectedByItsRatio() {
        ScanReport report = Scans.scan(TestJar.bundle("com.acme.zeros").entry("blank.bin", new byte[(int) (10 * MB)]));

        assertThat(report.findings(ScanRule.ARCHIVE_COMPRESSION_RATIO)).singleElement()
                .satisfies(f -> assertThat(f.entry()).isEqualTo("blank.bin"));
    }

    @Test
    void realContentOfTheSameSizeIsAccepted() {
        byte[] noise = new byte[(int) (2 * MB)];
        new Random(7).nextBytes(noise);
        StringBuilder lines = new StringBuilder();
        Random r = new Random(3);
        for (int i = 0; i < 40_000; i++) {
            lines.append("line ").append(i).append(": value=").append(r.nextInt(1000)).append(" ok\n");
        }
        byte[] text = lines.toString().getBytes();

        ScanReport report = Scans.scan(TestJar.bundle("com.acme.data").entry("noise.bin", noise).entry("text.txt", text));

        assertThat(report.findings()).isEmpty();
    }

    /** Scans a generated stream with a time bound, checking that the scan allocates far less than the bomb. */
    private ScanReport scanBounded(ScanPolicy policy, java.util.function.Supplier<InputStream> archive) {
        ArchiveScanner scanner = new DefaultArchiveScanner(policy, dir.resolve("spool"));
        AtomicReference<ScanReport> report = new AtomicReference<>();
        long allocated = assertTimeoutPreemptively(QUICKLY, () -> Scans.allocatedBy(() -> {
            try (InputStream in = archive.get()) {
                report.set(scanner.scan("bomb.jar", in));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
        assertThat(allocated).as("bytes allocated by the scan").isLessThan(ALLOCATION_BOUND);
        assertThat(dir.resolve("spool")).isEmptyDirectory();
        return report.get();
    }
}
