package org.gcommon.plugin.security.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.permissionadmin.PermissionInfo;

/**
 * Reads permissions written in the OSGi encoded form {@code (type "name" "actions")}: the lines of a
 * bundle's {@code OSGI-INF/permissions.perm}, and the values of the administrator's grants, where one
 * value may hold several permissions separated by commas or spaces.
 */
final class PermissionLines {

    private PermissionLines() {
    }

    /**
     * @param in a permissions.perm file
     * @return its permissions, normalized, in file order (comments and blank lines skipped)
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException naming the line, when a permission is not well formed
     */
    static List<String> readPermissionsFile(InputStream in) throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String trimmed = line.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("//")) {
                    continue;
                }
                try {
                    out.add(normalize(trimmed));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("OSGI-INF/permissions.perm line " + number + " '" + trimmed
                            + "' is not a permission: write (type \"name\" \"actions\"), e.g. "
                            + "(java.net.SocketPermission \"127.0.0.1:8080\" \"connect\")");
                }
            }
        }
        return out;
    }

    /**
     * @param value one grant value, e.g. {@code (a.B "x" "read"), (c.D "y")}
     * @return each permission, normalized
     * @throws IllegalArgumentException naming the value, when it is not a list of permissions
     */
    static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = -1;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
                continue;
            }
            if (c == '"') {
                quoted = true;
            } else if (c == '(') {
                if (depth++ == 0) {
                    start = i;
                }
            } else if (c == ')') {
                if (--depth == 0) {
                    out.add(normalize(value.substring(start, i + 1)));
                } else if (depth < 0) {
                    break;
                }
            } else if (depth == 0 && c != ',' && !Character.isWhitespace(c)) {
                depth = -1;
                break;
            }
        }
        if (depth != 0 || quoted) {
            throw new IllegalArgumentException("'" + value + "' is not a list of permissions: write one or more "
                    + "(type \"name\" \"actions\") separated by commas, e.g. "
                    + "(java.net.SocketPermission \"127.0.0.1:8080\" \"connect\")");
        }
        return out;
    }

    /** @return the permission in canonical encoded form */
    static String normalize(String encoded) {
        return new PermissionInfo(encoded).getEncoded();
    }
}
