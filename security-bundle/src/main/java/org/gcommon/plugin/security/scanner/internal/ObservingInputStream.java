package org.gcommon.plugin.security.scanner.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that shows every byte read through it to {@link #observed(byte[], int, int)}: the scanner's
 * counting, digesting and spooling streams. Skipping reads, so no byte goes unseen; marks are not
 * supported; closing it does not close the stream underneath, which the scanner does not own.
 */
abstract class ObservingInputStream extends FilterInputStream {

    ObservingInputStream(InputStream in) {
        super(in);
    }

    /** Sees {@code len} bytes of {@code b} from {@code off}, just read. */
    abstract void observed(byte[] b, int off, int len) throws IOException;

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            observed(new byte[] { (byte) b }, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            observed(b, off, n);
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
        // not ours to close
    }
}
