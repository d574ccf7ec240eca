package org.gcommon.plugin.manager.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks permissions written in the OSGi encoded form {@code (type "name" "actions")} before they are
 * written into the grants file, so a malformed grant is refused at the call instead of breaking the
 * file for every plugin. A copy of the syntax only, on purpose: the manager does not depend on the
 * security bundle's internals, and the security bundle still parses the file itself.
 */
final class EncodedPermissions {

    private EncodedPermissions() {
    }

    /**
     * @param encoded one permission
     * @return it in the canonical form {@code (type "name" "actions")}
     * @throws IllegalArgumentException naming the value, the problem and the form to use
     */
    static String normalize(String encoded) {
        if (encoded == null) {
            throw invalid(null, "it is missing");
        }
        String s = encoded.trim();
        if (s.length() < 2 || s.charAt(0) != '(' || s.charAt(s.length() - 1) != ')') {
            throw invalid(encoded, "it is not enclosed in parentheses");
        }
        int[] pos = { 1 };
        skipSpace(s, pos);
        int start = pos[0];
        while (pos[0] < s.length() - 1 && !Character.isWhitespace(s.charAt(pos[0])) && s.charAt(pos[0]) != ')') {
            pos[0]++;
        }
        String type = s.substring(start, pos[0]);
        if (!isClassName(type)) {
            throw invalid(encoded, "'" + type + "' is not a permission class name");
        }
        List<String> args = new ArrayList<>();
        while (true) {
            skipSpace(s, pos);
            if (pos[0] >= s.length() - 1) {
                break;
            }
            if (s.charAt(pos[0]) != '"') {
                throw invalid(encoded, "the name and actions must be in double quotes");
            }
            args.add(quoted(s, pos, encoded));
        }
        if (args.size() > 2) {
            throw invalid(encoded, "it has more than a name and actions");
        }
        StringBuilder out = new StringBuilder("(").append(type);
        for (String a : args) {
            out.append(" \"").append(a.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return out.append(')').toString();
    }

    private static String quoted(String s, int[] pos, String encoded) {
        StringBuilder out = new StringBuilder();
        int i = pos[0] + 1;
        for (; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() - 1) {
                out.append(s.charAt(++i));
            } else if (c == '"') {
                pos[0] = i + 1;
                return out.toString();
            } else {
                out.append(c);
            }
        }
        throw invalid(encoded, "a quoted value is not closed");
    }

    private static void skipSpace(String s, int[] pos) {
        while (pos[0] < s.length() - 1 && Character.isWhitespace(s.charAt(pos[0]))) {
            pos[0]++;
        }
    }

    private static boolean isClassName(String type) {
        if (type.isEmpty() || type.startsWith(".") || type.endsWith(".") || type.contains("..")) {
            return false;
        }
        for (String part : type.split("\\.")) {
            if (part.isEmpty() || !Character.isJavaIdentifierStart(part.charAt(0))) {
                return false;
            }
            for (int i = 1; i < part.length(); i++) {
                if (!Character.isJavaIdentifierPart(part.charAt(i))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static IllegalArgumentException invalid(String value, String problem) {
        return new IllegalArgumentException("'" + value + "' is not a permission (" + problem + "): write "
                + "(type \"name\" \"actions\"), e.g. (java.net.SocketPermission \"127.0.0.1:8080\" \"connect\")");
    }
}
