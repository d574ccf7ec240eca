package org.gcommon.plugin.security.scanner.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;

/**
 * Computes size and CRC of an entry's content as it is read, and stops with an error as soon as the
 * content runs longer than the size the first pass measured: a reader that sees more bytes than the
 * first pass is reading something else.
 */
final class DigestingInputStream extends ObservingInputStream {

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

    @Override
    void observed(byte[] b, int off, int len) throws LongerThanExpected {
        crc.update(b, off, len);
        counted(len);
    }
}
