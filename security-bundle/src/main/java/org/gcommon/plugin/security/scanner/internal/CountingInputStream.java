package org.gcommon.plugin.security.scanner.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read through it and refuses to read past a limit. Closing it does not close the
 * stream underneath: the scanner reads streams it does not own.
 */
final class CountingInputStream extends ObservingInputStream {

    private final ArchiveBudget budget;
    private long count;

    /**
     * @param in the stream to count
     * @param budget checked against the count (the archive's raw size), or {@code null} for no limit
     */
    CountingInputStream(InputStream in, ArchiveBudget budget) {
        super(in);
        this.budget = budget;
    }

    long count() {
        return count;
    }

    private void counted(int n) {
        count += n;
        if (budget != null) {
            budget.archiveSize(count);
        }
    }

    @Override
    void observed(byte[] b, int off, int len) {
        counted(len);
    }
}
