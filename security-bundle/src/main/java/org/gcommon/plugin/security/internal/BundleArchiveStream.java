package org.gcommon.plugin.security.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Enumeration;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.osgi.framework.Bundle;

/**
 * A bundle's content, as the framework stored it, re-packed as a jar on demand: each read pulls just
 * enough entries through a {@link ZipOutputStream} to fill the buffer. The scanner reads this stream
 * like any archive, so its limits stop the packing too, and nothing is inflated beyond what it reads.
 * Entries are copied byte for byte, so signatures still verify.
 *
 * <p>Entries are listed with {@link Bundle#getEntryPaths(String)}, which never resolves the bundle
 * (unlike {@code findEntries}): this stream is read inside a resolver hook.
 */
final class BundleArchiveStream extends InputStream {

    /** Exposes the buffer so bytes can be served without copying it. */
    private static final class Buffer extends ByteArrayOutputStream {
        private int position;

        int available() {
            return count - position;
        }

        int take(byte[] b, int off, int len) {
            int n = Math.min(len, available());
            System.arraycopy(buf, position, b, off, n);
            position += n;
            if (position == count) {
                reset();
                position = 0;
            }
            return n;
        }
    }

    private final Bundle bundle;
    private final Buffer buffer = new Buffer();
    private final ZipOutputStream zip = new ZipOutputStream(buffer);
    private final Deque<Enumeration<String>> directories = new ArrayDeque<>();
    private final byte[] chunk = new byte[8192];
    private InputStream current;
    private boolean finished;

    BundleArchiveStream(Bundle bundle) {
        this.bundle = bundle;
        zip.setLevel(Deflater.BEST_SPEED);
        Enumeration<String> root = bundle.getEntryPaths("/");
        if (root != null) {
            directories.push(root);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (buffer.available() == 0) {
            if (finished) {
                return -1;
            }
            produce();
        }
        return buffer.take(b, off, len);
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
        finished = true;
        zip.close();
    }

    /** Packs the next piece: a chunk of the current entry, the next entry's header, or the end of the jar. */
    private void produce() throws IOException {
        if (current != null) {
            int n = current.read(chunk);
            if (n < 0) {
                current.close();
                current = null;
                zip.closeEntry();
            } else {
                zip.write(chunk, 0, n);
            }
            return;
        }
        String path = nextPath();
        if (path == null) {
            zip.finish();
            finished = true;
            return;
        }
        zip.putNextEntry(new ZipEntry(path));
        if (path.endsWith("/")) {
            zip.closeEntry();
            return;
        }
        URL url = bundle.getEntry(path);
        if (url == null) {
            zip.closeEntry();
        } else {
            current = url.openStream();
        }
    }

    private String nextPath() {
        while (!directories.isEmpty()) {
            Enumeration<String> e = directories.peek();
            if (!e.hasMoreElements()) {
                directories.pop();
                continue;
            }
            String path = e.nextElement();
            if (path.startsWith("/")) {
                path = path.substring(1);
            }
            if (path.endsWith("/")) {
                Enumeration<String> children = bundle.getEntryPaths(path);
                if (children != null) {
                    directories.push(children);
                }
            }
            return path;
        }
        return null;
    }
}
