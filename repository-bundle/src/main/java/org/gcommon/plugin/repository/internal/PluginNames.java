package org.gcommon.plugin.repository.internal;

import java.util.regex.Pattern;

import org.osgi.framework.VersionRange;

/** Checks the names and version ranges operators send. */
final class PluginNames {

    /** As the management API: {@code [A-Za-z0-9][A-Za-z0-9._-]{0,127}}. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private PluginNames() {
    }

    static void check(String name) throws RepositoryException {
        if (name == null || !NAME.matcher(name).matches()) {
            String shown = name == null ? "(none)" : name.length() > 200 ? name.substring(0, 200) + "…" : name;
            throw new RepositoryException(RepositoryException.Problem.BAD_INPUT,
                    "'" + shown + "' is not a plugin name",
                    "send a name of letters, digits, '.', '_' and '-' (at most 128), as GET /api/repository/plugins lists them");
        }
    }

    /**
     * @param range an OSGi version ({@code 1.2}: that version or newer) or range ({@code [1.0,2)}); blank for any
     * @return the range, {@code null} for any
     */
    static VersionRange range(String range) throws RepositoryException {
        if (range == null || range.isBlank()) {
            return null;
        }
        try {
            return VersionRange.valueOf(range.strip());
        } catch (IllegalArgumentException e) {
            throw new RepositoryException(RepositoryException.Problem.BAD_INPUT,
                    "version '" + range + "' is neither an OSGi version nor a version range: " + e.getMessage(),
                    "send e.g. 1.2.0 (that version or newer), [1.2.0,1.2.0] (exactly it) or [1.0,2) (any 1.x)");
        }
    }
}
