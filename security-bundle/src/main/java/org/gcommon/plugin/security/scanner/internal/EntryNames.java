package org.gcommon.plugin.security.scanner.internal;

import java.util.Locale;

/** What the scanner needs to know about archive entry names. */
final class EntryNames {

    static final String MANIFEST = "META-INF/MANIFEST.MF";
    /** Longer names are refused: real paths are short, and names are kept in memory for the whole scan. */
    static final int MAX_NAME_LENGTH = 4096;

    private EntryNames() {
    }

    /**
     * @param name an entry name
     * @return why the name could escape the folder it is extracted to, or {@code null} when it cannot
     */
    static String escapeProblem(String name) {
        if (name.indexOf('\0') >= 0) {
            return "contains a NUL character, which cuts the name short in native tools";
        }
        if (name.startsWith("/") || name.startsWith("\\")) {
            return "is an absolute path";
        }
        if (name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0))) {
            return "starts with a drive letter";
        }
        // Scans for a ".." segment without splitting: this runs for every entry, and must not allocate.
        int start = 0;
        for (int i = 0; i <= name.length(); i++) {
            if (i == name.length() || name.charAt(i) == '/' || name.charAt(i) == '\\') {
                if (i - start == 2 && name.charAt(start) == '.' && name.charAt(start + 1) == '.') {
                    return "has a '..' segment, which can climb out of the folder it is extracted to";
                }
                start = i + 1;
            }
        }
        return null;
    }

    static boolean isClass(String name) {
        return name.endsWith(".class") && name.length() > ".class".length();
    }

    /** @return the entry of a class on the root of a class path, e.g. {@code com/acme/Foo.class} */
    static String classEntry(String className) {
        return className.replace('.', '/') + ".class";
    }

    /** @return whether the entry is a signature file ({@code META-INF/*.SF}) of a signed jar */
    static boolean isSignatureFile(String name) {
        return name.regionMatches(true, 0, "META-INF/", 0, 9) && name.indexOf('/', 9) < 0
                && name.regionMatches(true, name.length() - 3, ".SF", 0, 3) && name.length() > 12;
    }

    /** @return whether jarsigner leaves the entry unsigned: the manifest, signature files and signature blocks */
    static boolean isSigningRelated(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (!inMetaInfRoot(upper)) {
            return false;
        }
        String base = upper.substring("META-INF/".length());
        return base.equals("MANIFEST.MF") || base.endsWith(".SF") || base.endsWith(".DSA") || base.endsWith(".RSA")
                || base.endsWith(".EC") || base.startsWith("SIG-");
    }

    private static boolean inMetaInfRoot(String upper) {
        return upper.startsWith("META-INF/") && upper.indexOf('/', "META-INF/".length()) < 0;
    }

    /** @return the name with control characters replaced, so reports cannot garble a terminal */
    static String printable(String name) {
        if (name == null) {
            return null;
        }
        StringBuilder b = null;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                if (b == null) {
                    b = new StringBuilder(name.substring(0, i));
                }
                b.append(String.format("\\u%04x", (int) c));
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? name : b.toString();
    }
}
