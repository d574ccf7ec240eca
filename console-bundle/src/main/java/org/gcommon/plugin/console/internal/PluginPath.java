package org.gcommon.plugin.console.internal;

import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

/**
 * What a path under {@code /api/plugins} names: the collection ({@code name == null}), one plugin,
 * or one of a plugin's parts or actions ({@code /api/plugins/{name}/{part}}).
 *
 * @param name   the plugin, or {@code null} for the collection
 * @param part   {@code start}, {@code stop}, {@code update}, {@code config}, {@code grants} or
 *               {@code limits}; {@code null} for the plugin itself
 */
record PluginPath(String name, String part) {

    static final Set<String> PARTS = Set.of("start", "stop", "update", "config", "grants", "limits");

    /** Long enough for any valid name or file name, short enough to keep error bodies small. */
    private static final int MAX_NAME_IN_ERROR = 200;

    /**
     * @param pathInfo what follows {@code /api/plugins}
     * @return the parsed path
     * @throws HttpProblem 404 for a path with more parts, or a part that does not exist
     */
    static PluginPath parse(String pathInfo) {
        if (pathInfo == null || pathInfo.equals("/")) {
            return new PluginPath(null, null);
        }
        String rest = pathInfo.substring(1);
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return new PluginPath(rest, null);
        }
        String name = rest.substring(0, slash);
        String part = rest.substring(slash + 1);
        if (name.isEmpty() || !PARTS.contains(part)) {
            throw new HttpProblem(HttpServletResponse.SC_NOT_FOUND, "no such resource: /api/plugins" + shorten(pathInfo),
                    "use /api/plugins/{name} or /api/plugins/{name}/{" + String.join("|", new java.util.TreeSet<>(PARTS))
                            + "}");
        }
        return new PluginPath(name, part);
    }

    static String shorten(String text) {
        return text.length() <= MAX_NAME_IN_ERROR ? text : text.substring(0, MAX_NAME_IN_ERROR) + "…";
    }
}
