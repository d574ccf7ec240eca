package org.gcommon.plugin.security.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * Scans real libraries from the test class path. How long a scan takes is printed for the record (speed
 * goals live in the benchmarks, not in unit tests); what is asserted is that the reports name the
 * libraries and find what those libraries really do.
 */
class RealJarsTest {

    private final ArchiveScanner scanner = new DefaultArchiveScanner();

    @Test
    void jacksonDatabind() throws Exception {
        Path jar = jarOf(com.fasterxml.jackson.databind.ObjectMapper.class);

        ScanReport report = timed(jar);

        assertThat(report.symbolicName()).contains("com.fasterxml.jackson.core.jackson-databind");
        assertThat(report.findings(ScanRule.BYTECODE_SET_ACCESSIBLE)).isNotEmpty();
        assertThat(report.findings(ScanRule.ARCHIVE_INVALID)).isEmpty();
    }

    @Test
    void guava() throws Exception {
        Path jar = jarOf(com.google.common.collect.ImmutableList.class);

        ScanReport report = timed(jar);

        assertThat(report.symbolicName()).contains("com.google.guava");
        assertThat(report.findings(ScanRule.BYTECODE_UNSAFE)).isNotEmpty();
        assertThat(report.findings(ScanRule.ARCHIVE_INVALID)).isEmpty();
    }

    private ScanReport timed(Path jar) throws Exception {
        scanner.scan(jar); // once to warm up
        int rounds = 5;
        long start = System.nanoTime();
        ScanReport report = null;
        for (int i = 0; i < rounds; i++) {
            report = scanner.scan(jar);
        }
        double ms = (System.nanoTime() - start) / 1e6 / rounds;
        double mb = Files.size(jar) / 1024.0 / 1024.0;
        System.out.printf("scanned %s (%.1f MB, %d findings, %s) in %.0f ms: %.1f MB/s%n", jar.getFileName(), mb,
                report.findings().size(), report.verdict(), ms, mb / (ms / 1000));
        return report;
    }

    private static Path jarOf(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
