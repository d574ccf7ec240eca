package org.gcommon.plugin.security.scanner.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;

/**
 * Computes size and CRC of an entry's content as it is read, and stops with an error as soon as the
 * content runs longer than the size the first pass measured: a reader that sees more bytes than the
 * first pass is reading something else.
 */
final class DigestingInputStream extends FilterInputStream {

    /** The content is longer than expected. */
    static final class LongerThanExpected extends IOException {
        private static final long serialVersionUID = 1L;

        LongerThanExpected() {
            super(null, null);
        }
    }

    private final long expected;
    private final CRC32 crc = new CRC32();
    private long size;

    DigestingInputStream(InputStream in, long expected) {
        super(in);
        this.expected = expected;
    }

    long size() {
        return size;
    }

    long crc() {
        return crc.getValue();
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            crc.update(b);
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            crc.update(b, off, n);
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
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
        // the entry stream is closed by the pass that opened it
    }

    /** Reads what is left, so the size and CRC cover the whole entry. */
    void drain() throws IOException {
        byte[] buf = new byte[8192];
        while (read(buf, 0, buf.length) >= 0) {
            // counting only
        }
    }

    private void counted(int n) throws LongerThanExpected {
        size += n;
        if (size > expected) {
            throw new LongerThanExpected();
        }
    }
}
