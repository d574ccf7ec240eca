package org.gcommon.plugin.security.scanner;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes zips byte by byte, for archives the JDK's writers refuse to make: duplicate entries, hidden
 * entries, lying headers, data in front of the archive, endless streams of entries or zeros.
 */
public final class RawZip {

    private static final int STORED = 0;
    private static final int DEFLATED = 8;

    private record Central(String name, int method, long crc, long csize, long usize, long offset) {
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<Central> central = new ArrayList<>();

    /** Writes raw bytes at the current position. */
    public RawZip raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** Writes a stored entry and lists it in the central directory. */
    public RawZip stored(String name, byte[] data) {
        long offset = out.size();
        out.writeBytes(localStored(name, data));
        return listed(name, data, offset);
    }

    /** Writes a deflated entry and lists it in the central directory. */
    public RawZip deflated(String name, byte[] data) {
        long offset = out.size();
        byte[] compressed = deflate(data);
        out.writeBytes(localHeader(name, DEFLATED, crc(data), compressed.length, data.length));
        out.writeBytes(compressed);
        central.add(new Central(name, DEFLATED, crc(data), compressed.length, data.length, offset));
        return this;
    }

    /** Lists an entry in the central directory whose local header is at {@code offset} (written separately). */
    public RawZip listed(String name, byte[] data, long offset) {
        central.add(new Central(name, STORED, crc(data), data.length, data.length, offset));
        return this;
    }

    /** @return the current position: where the next local header starts */
    public long position() {
        return out.size();
    }

    /** @return the archive: what was written, then the central directory and its end record */
    public byte[] finish() {
        long cdStart = out.size();
        for (Central c : central) {
            byte[] name = c.name.getBytes(StandardCharsets.UTF_8);
            le32(0x02014b50);
            le16(20);
            le16(20);
            le16(0x0800);
            le16(c.method);
            le16(0);
            le16(0x21);
            le32(c.crc);
            le32(c.csize);
            le32(c.usize);
            le16(name.length);
            le16(0);
            le16(0);
            le16(0);
            le16(0);
            le32(0);
            le32(c.offset);
            out.writeBytes(name);
        }
        long cdSize = out.size() - cdStart;
        le32(0x06054b50);
        le16(0);
        le16(0);
        le16(central.size());
        le16(central.size());
        le32(cdSize);
        le32(cdStart);
        le16(0);
        return out.toByteArray();
    }

    /** @return a local header and the data of a stored entry */
    public static byte[] localStored(String name, byte[] data) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(localHeader(name, STORED, crc(data), data.length, data.length));
        b.writeBytes(data);
        return b.toByteArray();
    }

    /** @return a local header, sizes as declared (true or not), no data descriptor */
    public static byte[] localHeader(String name, int method, long crc, long csize, long usize) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        write32(b, 0x04034b50);
        write16(b, 20);
        write16(b, 0x0800);
        write16(b, method);
        write16(b, 0);
        write16(b, 0x21);
        write32(b, crc);
        write32(b, csize);
        write32(b, usize);
        write16(b, n.length);
        write16(b, 0);
        b.writeBytes(n);
        return b.toByteArray();
    }

    /**
     * @param zeros how many zero bytes the entry inflates to
     * @param declaredSize the (false) size its header declares
     * @return a stream of one deflated entry of zeros, generated as it is read: nothing is kept in memory
     */
    public static InputStream zeroBomb(String name, long zeros, long declaredSize) {
        byte[] header = localHeader(name, DEFLATED, 0, declaredSize / 2, declaredSize);
        return new InputStream() {
            private final Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
            private final byte[] input = new byte[64 * 1024];
            private final byte[] one = new byte[1];
            private long fed;
            private int headerPos;

            @Override
            public int read() {
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (headerPos < header.length) {
                    int n = Math.min(len, header.length - headerPos);
                    System.arraycopy(header, headerPos, b, off, n);
                    headerPos += n;
                    return n;
                }
                while (true) {
                    int n = deflater.deflate(b, off, len);
                    if (n > 0) {
                        return n;
                    }
                    if (deflater.finished()) {
                        return -1;
                    }
                    if (fed < zeros) {
                        int chunk = (int) Math.min(input.length, zeros - fed);
                        deflater.setInput(input, 0, chunk);
                        fed += chunk;
                    } else {
                        deflater.finish();
                    }
                }
            }

            @Override
            public void close() {
                deflater.end();
            }
        };
    }

    /**
     * @return a stream of {@code count} empty stored entries named {@link #manyEntriesName(int)}, generated as it is
     *     read into one reused header, so that the generator allocates (almost) nothing itself
     */
    public static InputStream manyEntries(int count) {
        byte[] header = localStored(manyEntriesName(0), new byte[0]);
        int digitsAt = header.length - ".txt".length() - 7;
        return new InputStream() {
            private int next;
            private int pos = header.length;
            private final byte[] one = new byte[1];

            @Override
            public int read() {
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos == header.length) {
                    if (next == count) {
                        return -1;
                    }
                    int v = next++;
                    for (int i = 6; i >= 0; i--) {
                        header[digitsAt + i] = (byte) ('0' + v % 10);
                        v /= 10;
                    }
                    pos = 0;
                }
                int n = Math.min(len, header.length - pos);
                System.arraycopy(header, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    /** @return the name of entry {@code i} of {@link #manyEntries(int)}: {@code e/0000042.txt} */
    public static String manyEntriesName(int i) {
        String digits = Integer.toString(i);
        return "e/" + "0000000".substring(digits.length()) + digits + ".txt";
    }

    public static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(data);
        d.finish();
        byte[] buf = new byte[data.length + 64];
        int n = 0;
        while (!d.finished()) {
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            n += d.deflate(buf, n, buf.length - n);
        }
        d.end();
        return Arrays.copyOf(buf, n);
    }

    public static long crc(byte[] data) {
        CRC32 c = new CRC32();
        c.update(data);
        return c.getValue();
    }

    private void le16(int v) {
        write16(out, v);
    }

    private void le32(long v) {
        write32(out, v);
    }

    private static void write16(ByteArrayOutputStream b, int v) {
        b.write(v & 0xff);
        b.write((v >>> 8) & 0xff);
    }

    private static void write32(ByteArrayOutputStream b, long v) {
        write16(b, (int) (v & 0xffff));
        write16(b, (int) ((v >>> 16) & 0xffff));
    }
}
