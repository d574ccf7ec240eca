package org.gcommon.plugin.security.scanner.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the implementation classes out of Declarative Services component descriptions. A pattern
 * rather than an XML parser: the scanner only needs {@code <implementation class="...">}, and never
 * resolves entities or DTDs of untrusted XML.
 */
final class ComponentDescriptors {

    /** Descriptions larger than this are not read (their classes are not checked). */
    static final int MAX_XML_BYTES = 1024 * 1024;

    private static final String TAG = "implementation";
    private static final Pattern PREFIX = Pattern.compile("[\\w.-]{1,64}:");
    private static final Pattern CLASS_ATTRIBUTE = Pattern.compile("\\bclass\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')");

    private ComponentDescriptors() {
    }

    /** @return the {@code class} of every {@code <implementation>} element; one linear pass over the text */
    static List<String> implementationClasses(byte[] xml) {
        String s = new String(xml, StandardCharsets.UTF_8);
        List<String> classes = new ArrayList<>();
        int i = 0;
        while ((i = s.indexOf(TAG, i)) >= 0) {
            int end = s.indexOf('>', i);
            if (end < 0) {
                break;
            }
            int after = i + TAG.length();
            if (startsElement(s, i) && (Character.isWhitespace(s.charAt(after)) || s.charAt(after) == '/')) {
                Matcher m = CLASS_ATTRIBUTE.matcher(s.substring(i + TAG.length(), end));
                if (m.find()) {
                    String c = (m.group(1) != null ? m.group(1) : m.group(2)).trim();
                    if (!c.isEmpty()) {
                        classes.add(c);
                    }
                }
            }
            i = end + 1;
        }
        return classes;
    }

    /** Whether the name at {@code i} follows {@code <} or {@code <prefix:}; looks back a bounded distance only. */
    private static boolean startsElement(String s, int i) {
        for (int lt = i - 1; lt >= 0 && i - lt <= 66; lt--) {
            if (s.charAt(lt) == '<') {
                return lt == i - 1 || PREFIX.matcher(s.substring(lt + 1, i)).matches();
            }
        }
        return false;
    }

    /**
     * @param pattern a Service-Component path, possibly with {@code *} wildcards in its last segment
     * @param entry an archive entry
     * @return whether the entry matches
     */
    static boolean matches(String pattern, String entry) {
        String p = pattern.startsWith("/") ? pattern.substring(1) : pattern;
        if (p.indexOf('*') < 0) {
            return p.equals(entry);
        }
        int slash = p.lastIndexOf('/');
        String dir = p.substring(0, slash + 1);
        if (!entry.startsWith(dir) || entry.indexOf('/', dir.length()) >= 0) {
            return false;
        }
        return glob(p.substring(slash + 1), entry.substring(dir.length()));
    }

    /** Wildcard match without regular expressions: patterns come from untrusted manifests. */
    private static boolean glob(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) != '*' && pattern.charAt(p) == text.charAt(t)) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
