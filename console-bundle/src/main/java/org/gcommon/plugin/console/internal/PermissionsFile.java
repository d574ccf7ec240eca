package org.gcommon.plugin.console.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code OSGI-INF/permissions.perm}, the local permissions a bundle declares (OSGi Core,
 * Conditional Permission Admin): one permission a line, {@code #} and {@code //} start comments.
 */
final class PermissionsFile {

    static final String PATH = "OSGI-INF/permissions.perm";

    private PermissionsFile() {
    }

    /**
     * @param reader the file's content
     * @return the permission lines, trimmed, without blank lines and comments, in file order
     * @throws IOException when the content cannot be read
     */
    static List<String> parse(BufferedReader reader) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#") && !trimmed.startsWith("//")) {
                lines.add(trimmed);
            }
        }
        return lines;
    }
}
