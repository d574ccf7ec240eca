package org.gcommon.plugin.security.scanner;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.gcommon.plugin.security.scanner.internal.ArchiveInspection;

/**
 * The scanner, as a plain object: {@code new DefaultArchiveScanner(ScanPolicy.load(cfg)).scan(jar)}.
 * Thread-safe; each scan keeps no state beyond its own call.
 */
public final class DefaultArchiveScanner implements ArchiveScanner {

    private final ScanPolicy policy;
    private final Path spoolDirectory;

    /** A scanner with the {@linkplain ScanPolicy#defaults() default policy}. */
    public DefaultArchiveScanner() {
        this(ScanPolicy.defaults());
    }

    /**
     * @param policy what to reject, warn about or ignore
     */
    public DefaultArchiveScanner(ScanPolicy policy) {
        this(policy, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * @param policy what to reject, warn about or ignore
     * @param spoolDirectory where {@link #scan(String, InputStream)} spools the archive's raw bytes while it
     *     scans them (created when missing; the spool file is deleted before the scan returns)
     */
    public DefaultArchiveScanner(ScanPolicy policy, Path spoolDirectory) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.spoolDirectory = Objects.requireNonNull(spoolDirectory, "spoolDirectory");
    }

    /** @return the policy this scanner applies */
    public ScanPolicy policy() {
        return policy;
    }

    @Override
    public ScanReport scan(Path jar) {
        Objects.requireNonNull(jar, "jar");
        try {
            return ArchiveInspection.scanFile(jar, policy);
        } catch (RuntimeException | StackOverflowError e) {
            return failed(String.valueOf(jar.getFileName()), e);
        }
    }

    @Override
    public ScanReport scan(String name, InputStream in) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(in, "in");
        try {
            return ArchiveInspection.scanStream(name, in, policy, spoolDirectory);
        } catch (RuntimeException | StackOverflowError e) {
            return failed(name, e);
        }
    }

    /** The scanner itself failed: reject (fail closed) and say so. */
    private static ScanReport failed(String name, Throwable e) {
        return new ScanReport(name, null, null, List.of(), List.of(Finding.at(ScanRule.ARCHIVE_INVALID, Severity.REJECT,
                null, "the scanner could not finish (" + e + "), so it cannot vouch for the archive; please report "
                        + "this with the archive")));
    }

    @Override
    public String toString() {
        return "DefaultArchiveScanner[" + policy + "]";
    }
}
