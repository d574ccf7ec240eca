package org.gcommon.plugin.security.scanner.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One clause of an OSGi manifest header ({@code path;path;attr=value;directive:=value}), parsed
 * leniently: the scanner must read whatever a plugin's manifest holds without failing.
 *
 * @param paths the clause's paths (package names, bundle names, file paths)
 * @param attributes attributes, quotes removed
 * @param directives directives, quotes removed
 */
record HeaderClause(List<String> paths, Map<String, String> attributes, Map<String, String> directives) {

    /**
     * @param header a header value, or {@code null}
     * @return its clauses; empty for a missing or blank header
     */
    static List<HeaderClause> parse(String header) {
        List<HeaderClause> clauses = new ArrayList<>();
        if (header == null) {
            return clauses;
        }
        for (String clause : split(header, ',')) {
            List<String> paths = new ArrayList<>();
            Map<String, String> attributes = new LinkedHashMap<>();
            Map<String, String> directives = new LinkedHashMap<>();
            for (String part : split(clause, ';')) {
                String p = part.trim();
                if (p.isEmpty()) {
                    continue;
                }
                int eq = indexOutsideQuotes(p, '=');
                if (eq < 0) {
                    paths.add(p);
                } else if (eq > 0 && p.charAt(eq - 1) == ':') {
                    directives.put(p.substring(0, eq - 1).trim(), unquote(p.substring(eq + 1).trim()));
                } else {
                    String name = p.substring(0, eq).trim();
                    int colon = name.indexOf(':'); // typed attribute: name:Version=1.0
                    attributes.put(colon < 0 ? name : name.substring(0, colon).trim(), unquote(p.substring(eq + 1).trim()));
                }
            }
            if (!paths.isEmpty()) {
                clauses.add(new HeaderClause(List.copyOf(paths), Map.copyOf(attributes), Map.copyOf(directives)));
            }
        }
        return clauses;
    }

    /** @return every path of every clause of the header */
    static List<String> paths(String header) {
        List<String> out = new ArrayList<>();
        parse(header).forEach(c -> out.addAll(c.paths()));
        return out;
    }

    private static List<String> split(String s, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                current.append(c);
            } else if (c == '\\' && quoted && i + 1 < s.length()) {
                current.append(c).append(s.charAt(++i));
            } else if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static int indexOutsideQuotes(String s, char wanted) {
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == wanted && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return v;
    }
}
