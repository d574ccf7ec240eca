package org.gcommon.plugin.manager.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The administrator's grants, {@code etc/org.gcommon.plugin.security.grants.cfg}: one entry per plugin,
 * keyed by Bundle-SymbolicName, whose value lists encoded permissions separated by commas. The
 * security bundle reads the file (through the etc/ watcher and ConfigurationAdmin); this class reads
 * and replaces one plugin's entry, leaving the rest of the file as it was.
 */
final class GrantsFile {

    static final String NAME = "org.gcommon.plugin.security.grants.cfg";

    private GrantsFile() {
    }

    /** @return the permissions granted to the symbolic name, each normalized */
    static List<String> granted(PropertiesFileEditor file, String symbolicName) {
        String value = file.values().get(symbolicName);
        return value == null || value.isBlank() ? List.of() : split(value);
    }

    /**
     * Replaces the entry of the symbolic name; an empty list removes it.
     *
     * @throws IllegalArgumentException naming a malformed permission; the file is then unchanged
     */
    static void grant(PropertiesFileEditor file, String symbolicName, List<String> permissions) {
        List<String> normalized = new ArrayList<>();
        for (String p : permissions) {
            normalized.add(EncodedPermissions.normalize(p));
        }
        if (normalized.isEmpty()) {
            file.remove(symbolicName);
        } else {
            file.set(symbolicName, normalized);
        }
    }

    /** @return the permissions of one grant value, in order */
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
            } else if (c == '"') {
                quoted = true;
            } else if (c == '(' && depth++ == 0) {
                start = i;
            } else if (c == ')' && depth > 0 && --depth == 0) {
                out.add(EncodedPermissions.normalize(value.substring(start, i + 1)));
            }
        }
        return out;
    }
}
