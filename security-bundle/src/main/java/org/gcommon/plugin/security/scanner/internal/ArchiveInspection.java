package org.gcommon.plugin.security.scanner.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.gcommon.plugin.security.scanner.ScanPolicy;
import org.gcommon.plugin.security.scanner.ScanReport;
import org.gcommon.plugin.security.scanner.ScanRule;
import org.gcommon.plugin.security.scanner.Signer;

/**
 * One scan of one archive: the streaming pass (limits, paths, entry digests, manifest), then — when the
 * archive was read completely — the central directory pass (agreement, classes, embedded jars,
 * components, signatures), then the manifest rules. Never throws for bad input.
 */
public final class ArchiveInspection {

    private final FindingCollector findings;
    private final ArchiveBudget budget;

    private ArchiveInspection(ScanPolicy policy) {
        this.findings = new FindingCollector(policy);
        this.budget = new ArchiveBudget(policy);
    }

    /**
     * @param jar an archive file
     * @param policy the policy
     * @return the report
     */
    public static ScanReport scanFile(Path jar, ScanPolicy policy) {
        Path fileName = jar.getFileName();
        String name = fileName == null ? jar.toString() : fileName.toString();
        ArchiveInspection scan = new ArchiveInspection(policy);
        try {
            if (!Files.isRegularFile(jar)) {
                throw new NoSuchFileException(jar.toString(), null, "no such file, or not a regular file");
            }
            scan.budget.archiveSize(Files.size(jar));
            StreamPass.Result stream;
            try (InputStream in = Files.newInputStream(jar)) {
                stream = new StreamPass(scan.budget, scan.findings).read(in);
            }
            return scan.finish(name, stream, jar);
        } catch (LimitReached limit) {
            scan.findings.add(limit.rule, limit.entry, limit.getMessage());
        } catch (IOException | RuntimeException e) {
            scan.findings.add(ScanRule.ARCHIVE_INVALID, null, "the archive cannot be read: " + Describe.exception(e)
                    + "; check that the file exists, is readable and was copied completely");
        }
        return scan.report(name, null, List.of());
    }

    /**
     * @param name the archive's name for the report
     * @param in the archive's bytes; read, not closed
     * @param policy the policy
     * @param spoolDirectory where the raw bytes are spooled for the central directory pass
     * @return the report
     */
    public static ScanReport scanStream(String name, InputStream in, ScanPolicy policy, Path spoolDirectory) {
        ArchiveInspection scan = new ArchiveInspection(policy);
        Path spool = null;
        try {
            Files.createDirectories(spoolDirectory);
            spool = Files.createTempFile(spoolDirectory, "scan-", ".jar");
            StreamPass.Result stream;
            try (OutputStream copy = Files.newOutputStream(spool)) {
                stream = new StreamPass(scan.budget, scan.findings).read(new TeeInputStream(in, copy));
            }
            return scan.finish(name, stream, spool);
        } catch (IOException | RuntimeException e) {
            scan.findings.add(ScanRule.ARCHIVE_INVALID, null, "the archive cannot be read or spooled to " + spoolDirectory
                    + ": " + Describe.exception(e));
            return scan.report(name, null, List.of());
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException e) {
                    spool.toFile().deleteOnExit();
                }
            }
        }
    }

    private ScanReport finish(String name, StreamPass.Result stream, Path file) {
        ManifestRules manifestRules = new ManifestRules(findings);
        // The headers are judged whenever the manifest was read, even if reading stopped later on.
        BundleManifest manifest = stream.manifest() == null ? null : manifestRules.checkHeaders(stream.manifest());
        List<Signer> signers = List.of();
        if (stream.complete()) {
            ContentPass.Result content = new ContentPass(budget, findings).run(file, stream, manifest);
            signers = content.signers();
            // Only an archive read completely, both ways, can be said to lack a manifest or a class.
            if (content.complete() && stream.manifest() == null) {
                manifestRules.checkHeaders(null);
            } else if (content.complete() && manifest != null) {
                manifestRules.checkPresence(manifest, stream.entries().keySet(), content.embedded(),
                        content.components());
            }
        }
        return report(name, manifest, signers);
    }

    private ScanReport report(String name, BundleManifest manifest, List<Signer> signers) {
        String bsn = manifest == null ? null : manifest.symbolicName();
        String version = manifest == null ? null : manifest.header(BundleManifest.BUNDLE_VERSION);
        return new ScanReport(name, bsn == null ? null : EntryNames.printable(bsn),
                version == null ? null : EntryNames.printable(version), signers, findings.finish());
    }
}
