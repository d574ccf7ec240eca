package org.gcommon.plugin.security.scanner.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.gcommon.plugin.security.scanner.ScanRule;

/**
 * The first look at an archive: walks its entries in stream order with {@link ZipInputStream}, counting
 * the bytes really inflated against the limits (headers may lie), checks entry paths, records each
 * entry's size and CRC for the central directory check that follows, and keeps the manifest. Nothing
 * but the manifest is kept in memory; reading stops at the first limit passed.
 */
final class StreamPass {

    /** A manifest larger than this is not a bundle manifest but an attempt to exhaust memory. */
    static final int MAX_MANIFEST_BYTES = 8 * 1024 * 1024;

    /** What the stream showed. */
    record Result(Map<String, EntryDigest> entries, byte[] manifest, boolean signatureFiles, boolean complete) {
    }

    /** Size and CRC of an entry's real content. */
    record EntryDigest(long size, long crc) {
    }

    private final ArchiveBudget budget;
    private final FindingCollector findings;

    StreamPass(ArchiveBudget budget, FindingCollector findings) {
        this.budget = budget;
        this.findings = findings;
    }

    Result read(InputStream raw) {
        CountingInputStream counted = new CountingInputStream(raw, budget);
        Map<String, EntryDigest> entries = new LinkedHashMap<>();
        byte[] manifest = null;
        boolean signatureFiles = false;
        boolean complete = false;
        String current = null;
        byte[] buf = new byte[8192];
        try (ZipInputStream zip = new ZipInputStream(counted)) {
            ZipEntry e;
            boolean ambiguous = false;
            while ((e = zip.getNextEntry()) != null) {
                String name = e.getName();
                current = name;
                budget.entry(name);
                if (name.length() > EntryNames.MAX_NAME_LENGTH) {
                    findings.add(ScanRule.ARCHIVE_INVALID, name.substring(0, 80) + "...", "an entry name is "
                            + name.length() + " characters long (at most " + EntryNames.MAX_NAME_LENGTH
                            + " are accepted); rebuild the archive with sensible paths");
                    return new Result(entries, manifest, signatureFiles, false);
                }
                String escape = EntryNames.escapeProblem(name);
                if (escape != null) {
                    findings.add(ScanRule.ARCHIVE_PATH_ESCAPE, name, "the entry path " + escape
                            + " (zip slip); rebuild the archive so that every path is relative and stays inside it");
                }
                if (entries.containsKey(name)) {
                    ambiguous = true;
                    findings.add(ScanRule.ARCHIVE_INVALID, name, "the entry appears more than once; tools disagree "
                            + "on which copy counts, so the scanner cannot vouch for it. Rebuild the archive with each "
                            + "entry once (the jar tool and Maven refuse duplicates)");
                }
                signatureFiles |= EntryNames.isSignatureFile(name);
                boolean isManifest = name.equals(EntryNames.MANIFEST);
                ByteArrayOutputStream kept = isManifest ? new ByteArrayOutputStream() : null;
                long start = counted.count();
                long size = 0;
                CRC32 crc = new CRC32();
                int n;
                while ((n = zip.read(buf)) > 0) {
                    size += n;
                    crc.update(buf, 0, n);
                    budget.inflated(name, size, counted.count() - start, n);
                    if (kept != null) {
                        if (size > MAX_MANIFEST_BYTES) {
                            findings.add(ScanRule.ARCHIVE_INVALID, name, "the manifest is larger than "
                                    + MAX_MANIFEST_BYTES + " bytes, which no bundle needs; rebuild the archive");
                            return new Result(entries, manifest, signatureFiles, false);
                        }
                        kept.write(buf, 0, n);
                    }
                }
                if (kept != null && manifest == null) {
                    manifest = kept.toByteArray();
                }
                entries.putIfAbsent(name, new EntryDigest(size, crc.getValue()));
            }
            current = null;
            // The central directory follows the entries; read it too, so the archive's whole size is counted
            // (and spooled, when the stream underneath tees).
            counted.transferTo(OutputStream.nullOutputStream());
            complete = !ambiguous;
        } catch (LimitReached limit) {
            findings.add(limit.rule, limit.entry, limit.getMessage());
        } catch (IOException | RuntimeException ex) {
            findings.add(ScanRule.ARCHIVE_INVALID, current, "the archive is not a valid zip"
                    + (current == null ? "" : " (reading stopped at this entry)") + ": " + Describe.exception(ex)
                    + ". Rebuild it with the jar tool or Maven, and check it was copied completely");
        }
        return new Result(entries, manifest, signatureFiles, complete);
    }
}
