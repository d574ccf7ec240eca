package org.gcommon.plugin.security.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.gcommon.plugin.security.scanner.samples.CleanPlugin;
import org.gcommon.plugin.security.scanner.samples.ExitingPlugin;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever bytes arrive, the scanner returns a report — never an exception — within a bounded time and
 * with bounded memory: random bytes, and valid jars with flipped bytes, cut short, with entries
 * duplicated or spliced in.
 */
class ScannerPropertiesTest {

    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final long ALLOCATION_BOUND = 64L * 1024 * 1024;
    private static final String XML = "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.4.0\" name=\"c\">"
            + "<implementation class=\"" + CleanPlugin.class.getName() + "\"/></scr:component>";

    /** A valid plugin: classes (one rejected), a component, a resource; scanned as is it is REJECT for its exit. */
    private static final byte[] VALID = TestJar.bundle("com.acme.fuzz").header("Service-Component", "OSGI-INF/c.xml")
            .header("Import-Package", "org.osgi.framework;version=\"[1.10,2)\"").withClass(CleanPlugin.class)
            .withClass(ExitingPlugin.class).text("OSGI-INF/c.xml", XML).text("conf/a.properties", "a=1\nb=2\n")
            .toBytes();

    private static Path spool;
    private static ArchiveScanner scanner;

    @BeforeContainer
    static void createScanner() throws Exception {
        spool = Files.createTempDirectory("scan-props");
        scanner = new DefaultArchiveScanner(ScanPolicy.defaults(), spool);
    }

    @AfterContainer
    static void checkSpoolIsEmpty() throws Exception {
        try (var files = Files.list(spool)) {
            assertThat(files).as("spool files left behind").isEmpty();
        }
        Files.delete(spool);
    }

    @Property(tries = 300)
    void randomBytesGiveAReport(@ForAll @Size(max = 4096) byte[] bytes) {
        ScanReport report = scanBounded(bytes);

        assertThat(report.verdict()).isEqualTo(Verdict.REJECT);
    }

    @Property(tries = 300)
    void jarsWithFlippedBytesGiveAReport(@ForAll("flips") List<int[]> flips) {
        byte[] mutated = VALID.clone();
        for (int[] flip : flips) {
            mutated[flip[0] % mutated.length] ^= (byte) flip[1];
        }
        scanBounded(mutated);
    }

    @Property(tries = 200)
    void truncatedJarsGiveAReport(@ForAll("cuts") int length) {
        ScanReport report = scanBounded(Arrays.copyOf(VALID, Math.min(length, VALID.length - 1)));

        assertThat(report.verdict()).isEqualTo(Verdict.REJECT);
    }

    @Property(tries = 100)
    void jarsWithDuplicatedOrSplicedEntriesGiveAReport(@ForAll("splices") int[] splice) {
        // Copies a slice of the jar (often a whole local entry) to another place in it.
        int from = splice[0] % VALID.length;
        int length = Math.min(splice[1], VALID.length - from);
        int at = splice[2] % VALID.length;
        byte[] spliced = new byte[VALID.length + length];
        System.arraycopy(VALID, 0, spliced, 0, at);
        System.arraycopy(VALID, from, spliced, at, length);
        System.arraycopy(VALID, at, spliced, at + length, VALID.length - at);

        scanBounded(spliced);
    }

    @Property(tries = 50)
    void duplicatedEntriesAreAlwaysRejected(@ForAll("entryNames") String name, @ForAll boolean sameContent) {
        byte[] first = "one".getBytes(StandardCharsets.UTF_8);
        byte[] second = sameContent ? first : "two".getBytes(StandardCharsets.UTF_8);
        byte[] zip = new RawZip().stored("META-INF/MANIFEST.MF", ("Manifest-Version: 1.0\r\nBundle-ManifestVersion: 2"
                + "\r\nBundle-SymbolicName: com.acme.dup\r\n\r\n").getBytes(StandardCharsets.UTF_8))
                .stored(name, first).deflated(name, second).finish();

        ScanReport report = scanBounded(zip);

        assertThat(report.findings(ScanRule.ARCHIVE_INVALID)).isNotEmpty();
    }

    @Provide
    Arbitrary<List<int[]>> flips() {
        Arbitrary<int[]> flip = Combinators.combine(Arbitraries.integers().between(0, Integer.MAX_VALUE),
                Arbitraries.integers().between(1, 255)).as((pos, mask) -> new int[] { pos, mask });
        return flip.list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.integers().between(0, VALID.length);
    }

    @Provide
    Arbitrary<int[]> splices() {
        return Combinators.combine(Arbitraries.integers().between(0, Integer.MAX_VALUE),
                Arbitraries.integers().between(1, 2048), Arbitraries.integers().between(0, Integer.MAX_VALUE))
                .as((from, length, at) -> new int[] { from, length, at });
    }

    @Provide
    Arbitrary<String> entryNames() {
        return Arbitraries.of("a.txt", "META-INF/MANIFEST.MF", "com/acme/X.class", "OSGI-INF/c.xml", "dir/");
    }

    /** Scans as a stream and as a file, each within the time bound, and checks the scan's allocations. */
    private static ScanReport scanBounded(byte[] archive) {
        AtomicReference<ScanReport> fromStream = new AtomicReference<>();
        AtomicReference<ScanReport> fromFile = new AtomicReference<>();
        long allocated = assertTimeoutPreemptively(BOUND, () -> Scans.allocatedBy(() -> {
            fromStream.set(scanner.scan("fuzz.jar", new ByteArrayInputStream(archive)));
            try {
                Path file = Files.write(Files.createTempFile(spool, "fuzz-", ".jar"), archive);
                try {
                    fromFile.set(scanner.scan(file));
                } finally {
                    Files.delete(file);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
        assertThat(fromStream.get()).isNotNull();
        assertThat(fromFile.get()).isNotNull();
        assertThat(fromStream.get().findings()).isEqualTo(fromFile.get().findings());
        assertThat(allocated).as("bytes allocated by two scans").isLessThan(ALLOCATION_BOUND);
        assertThat(fromStream.get().toJson()).isNotEmpty();
        assertThat(fromStream.get().toText()).isNotEmpty();
        return fromStream.get();
    }
}
