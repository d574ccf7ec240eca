package org.gcommon.plugin.security.scanner.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read through it and refuses to read past a limit. Closing it does not close the
 * stream underneath: the scanner reads streams it does not own.
 */
final class CountingInputStream extends FilterInputStream {

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

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Read instead of skipping, so every byte is counted (and spooled, where the stream underneath tees).
        byte[] buf = new byte[(int) Math.min(8192, Math.max(0, n))];
        long done = 0;
        while (done < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() {
        // not ours to close
    }

    private void counted(int n) {
        count += n;
        if (budget != null) {
            budget.archiveSize(count);
        }
    }
}
