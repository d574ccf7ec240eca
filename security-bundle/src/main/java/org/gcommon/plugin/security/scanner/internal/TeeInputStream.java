package org.gcommon.plugin.security.scanner.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Copies every byte read to an output stream: spools a streamed archive while it is scanned. */
final class TeeInputStream extends ObservingInputStream {

    private final OutputStream copy;

    TeeInputStream(InputStream in, OutputStream copy) {
        super(in);
        this.copy = copy;
    }

    @Override
    void observed(byte[] b, int off, int len) throws IOException {
        copy.write(b, off, len);
    }
}
