package org.gcommon.plugin.security.scanner.internal;

/**
 * Walks a class file's structure — constant pool, fields, methods, attributes, code and record
 * components — checking that every count and length stays inside the file, before ASM reads it.
 * ASM trusts those lengths and allocates what they say (an attribute claiming 700 MB makes it allocate
 * 700 MB before it notices the file is 400 bytes long); after this walk, nothing it allocates can be
 * larger than the class file itself.
 */
final class ClassFileShape {

    private final byte[] b;
    private int pos;
    /** Offsets of the CONSTANT_Utf8 entries, by constant pool index (0 for other entries). */
    private int[] utf8At;

    private ClassFileShape(byte[] bytes) {
        this.b = bytes;
    }

    /**
     * @param bytes a class file
     * @return what is wrong with its structure, or {@code null} when every length fits
     */
    static String problem(byte[] bytes) {
        try {
            new ClassFileShape(bytes).walk();
            return null;
        } catch (Malformed e) {
            return e.getMessage();
        }
    }

    private static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private void walk() throws Malformed {
        need(10);
        if (u4() != 0xCAFEBABE) {
            throw new Malformed("it does not start like a class file");
        }
        pos += 4; // minor and major version: ASM judges those
        constantPool();
        need(8);
        pos += 6; // access, this, super
        skip(2L * u2(), "interfaces");
        members();
        members();
        attributes();
        if (pos != b.length) {
            throw new Malformed("there are " + (b.length - pos) + " bytes after its end");
        }
    }

    private void constantPool() throws Malformed {
        need(2);
        int count = u2();
        utf8At = new int[count];
        for (int i = 1; i < count; i++) {
            need(1);
            int tag = b[pos++] & 0xff;
            switch (tag) {
                case 1 -> {
                    need(2);
                    int length = u2();
                    utf8At[i] = pos;
                    skip(length, "a constant");
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> skip(4, "a constant");
                case 5, 6 -> {
                    skip(8, "a constant");
                    i++; // longs and doubles take two slots
                }
                case 7, 8, 16, 19, 20 -> skip(2, "a constant");
                case 15 -> skip(3, "a constant");
                default -> throw new Malformed("its constant pool has an unknown entry type " + tag);
            }
        }
    }

    private void members() throws Malformed {
        need(2);
        int count = u2();
        for (int i = 0; i < count; i++) {
            need(6);
            pos += 6;
            attributes();
        }
    }

    private void attributes() throws Malformed {
        need(2);
        int count = u2();
        for (int i = 0; i < count; i++) {
            need(6);
            int nameIndex = u2();
            long length = u4() & 0xffffffffL;
            if (length > b.length - pos) {
                throw new Malformed("an attribute claims " + length + " bytes, more than the class file has");
            }
            int end = pos + (int) length;
            if (isName(nameIndex, "Code")) {
                code(end);
            } else if (isName(nameIndex, "Record")) {
                record(end);
            }
            pos = end;
        }
    }

    private void code(int end) throws Malformed {
        need(8);
        pos += 4; // max stack, max locals
        long codeLength = u4() & 0xffffffffL;
        if (codeLength > end - pos) {
            throw new Malformed("a method claims " + codeLength + " bytes of code, more than its attribute has");
        }
        pos += (int) codeLength;
        need(2);
        skip(8L * u2(), "an exception table");
        attributes();
        if (pos != end) {
            throw new Malformed("a method's code attribute has the wrong length");
        }
    }

    private void record(int end) throws Malformed {
        need(2);
        int count = u2();
        for (int i = 0; i < count; i++) {
            need(4);
            pos += 4;
            attributes();
        }
        if (pos != end) {
            throw new Malformed("its record attribute has the wrong length");
        }
    }

    private boolean isName(int index, String name) {
        if (index <= 0 || index >= utf8At.length || utf8At[index] == 0) {
            return false;
        }
        int at = utf8At[index];
        int length = ((b[at - 2] & 0xff) << 8) | (b[at - 1] & 0xff);
        if (length != name.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (b[at + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void need(int n) throws Malformed {
        if (b.length - pos < n) {
            throw new Malformed("it ends too early");
        }
    }

    private void skip(long n, String what) throws Malformed {
        if (n > b.length - pos) {
            throw new Malformed(what + " runs past its end");
        }
        pos += (int) n;
    }

    private int u2() {
        int v = ((b[pos] & 0xff) << 8) | (b[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    private int u4() {
        int v = ((b[pos] & 0xff) << 24) | ((b[pos + 1] & 0xff) << 16) | ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
        pos += 4;
        return v;
    }
}
