package org.gcommon.plugin.security.scanner.internal;

import org.gcommon.plugin.security.scanner.ScanPolicy;
import org.gcommon.plugin.security.scanner.ScanRule;

/**
 * The archive limits of one scan, spent as entries are met and bytes are really inflated (header sizes
 * are never trusted). Passing a limit throws {@link LimitReached}, which ends the reading.
 */
final class ArchiveBudget {

    /**
     * An entry's compression ratio is judged only once it has inflated this much: small entries of
     * repetitive text legitimately compress very well, and the compressed count is only exact to the
     * zip reader's look-ahead buffer.
     */
    static final long RATIO_GRACE_BYTES = 256 * 1024;

    private static final String CFG = "etc/" + ScanPolicy.PID + ".cfg";

    private final long maxEntries;
    private final long maxBytes;
    private final long maxRatio;
    private long entries;
    private long inflated;

    ArchiveBudget(ScanPolicy policy) {
        this.maxEntries = policy.maxEntries();
        this.maxBytes = policy.maxUncompressedBytes();
        this.maxRatio = policy.maxRatio();
    }

    /** Counts an entry; its name counts towards the inflated bytes, since names are kept for the whole scan. */
    void entry(String name) {
        if (++entries > maxEntries) {
            throw new LimitReached(ScanRule.ARCHIVE_TOO_MANY_ENTRIES, name, "the archive has more than " + maxEntries
                    + " entries (" + ScanPolicy.MAX_ENTRIES + "); reading stopped at this entry. Split the plugin, or if "
                    + "it really needs that many, raise " + ScanPolicy.MAX_ENTRIES + " in " + CFG);
        }
        add(name, name.length());
    }

    /**
     * @param name the entry
     * @param entryBytes bytes the entry has inflated to so far
     * @param entryCompressed compressed bytes read for the entry so far
     * @param n bytes just inflated
     */
    void inflated(String name, long entryBytes, long entryCompressed, int n) {
        add(name, n);
        if (entryBytes > RATIO_GRACE_BYTES && entryBytes > maxRatio * Math.max(1, entryCompressed)) {
            throw new LimitReached(ScanRule.ARCHIVE_COMPRESSION_RATIO, name, "the entry inflates more than " + maxRatio
                    + " times its compressed size (" + ScanPolicy.MAX_RATIO + "), as zip bombs do; reading stopped. "
                    + "Remove the entry, or if its content is real, store it uncompressed or raise "
                    + ScanPolicy.MAX_RATIO + " in " + CFG);
        }
    }

    private void add(String name, long n) {
        inflated += n;
        if (inflated > maxBytes) {
            throw new LimitReached(ScanRule.ARCHIVE_TOO_LARGE, name, "the entries inflate to more than " + maxBytes
                    + " bytes (" + ScanPolicy.MAX_UNCOMPRESSED_BYTES + "); reading stopped at this entry. That is a zip "
                    + "bomb or far more than a plugin needs; if the content is real, raise "
                    + ScanPolicy.MAX_UNCOMPRESSED_BYTES + " in " + CFG);
        }
    }

    /** Checks the size of the archive file itself, which may not exceed the inflated limit either. */
    void archiveSize(long rawBytes) {
        if (rawBytes > maxBytes) {
            throw new LimitReached(ScanRule.ARCHIVE_TOO_LARGE, null, "the archive is larger than " + maxBytes
                    + " bytes (" + ScanPolicy.MAX_UNCOMPRESSED_BYTES + "); if it is a real plugin, raise "
                    + ScanPolicy.MAX_UNCOMPRESSED_BYTES + " in " + CFG);
        }
    }
}
