package org.gcommon.plugin.security.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Scanning helpers for tests. */
public final class Scans {

    private Scans() {
    }

    /**
     * Scans the archive both as a file and as a stream, checks both give the same report, and returns it:
     * the container (files) and tools (streams) must agree.
     */
    public static ScanReport scan(ScanPolicy policy, String name, byte[] archive) {
        try {
            Path dir = Files.createTempDirectory("scan-test");
            Path file = Files.write(dir.resolve(name), archive);
            try {
                ArchiveScanner scanner = new DefaultArchiveScanner(policy, dir.resolve("spool"));
                ScanReport fromFile = scanner.scan(file);
                ScanReport fromStream = scanner.scan(name, new ByteArrayInputStream(archive));
                assertThat(fromStream.findings()).as("stream and file scans agree").isEqualTo(fromFile.findings());
                assertThat(fromStream.signers()).isEqualTo(fromFile.signers());
                assertThat(dir.resolve("spool")).isEmptyDirectory();
                return fromFile;
            } finally {
                Files.delete(file);
                Files.deleteIfExists(dir.resolve("spool"));
                Files.delete(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ScanReport scan(String name, byte[] archive) {
        return scan(ScanPolicy.defaults(), name, archive);
    }

    public static ScanReport scan(TestJar jar) {
        return scan("plugin.jar", jar.toBytes());
    }

    public static ScanReport scan(ScanPolicy policy, TestJar jar) {
        return scan(policy, "plugin.jar", jar.toBytes());
    }

    /** @return the ids of the report's findings of the given severity */
    public static List<String> ruleIds(ScanReport report, Severity severity) {
        return report.findings(severity).stream().map(Finding::ruleId).toList();
    }

    /** @return the bytes the current thread allocated while running the action */
    public static long allocatedBy(Runnable action) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        action.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    /** @return the 1-based line of the first line of the class's source that contains the text */
    public static int lineOf(Class<?> c, String text) {
        Path source = Path.of("src/test/java", c.getName().replace('.', '/') + ".java");
        try {
            List<String> lines = Files.readAllLines(source);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(text)) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("'" + text + "' is not in " + source);
    }
}
