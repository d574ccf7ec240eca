package org.gcommon.plugin.security.sandbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.gcommon.plugin.api.PluginConstants;
import org.osgi.service.condpermadmin.BundleLocationCondition;
import org.osgi.service.condpermadmin.ConditionInfo;

/**
 * The Conditional Permission Admin table of the sandbox, in order (the first row whose condition and
 * permission match decides):
 * <ol>
 * <li>one ALLOW row per plugin bundle that has grants and declares permissions: its grants (the
 * framework intersects them with what the bundle declares in its permissions.perm);</li>
 * <li>DENY rows for every plugin: the runtime's own services and the framework's hooks;</li>
 * <li>ALLOW AllPermission to every bundle that is not a plugin: the runtime is trusted;</li>
 * <li>ALLOW the defaults to every plugin.</li>
 * </ol>
 * Anything else is denied: a plugin gets nothing it was not given.
 */
final class PolicyTable {

    /** A plugin bundle as the table needs it. */
    record PluginBundle(String location, String symbolicName, boolean declares) {
    }

    static final String PLUGINS = PluginConstants.PLUGIN_LOCATION_PREFIX + "*";

    private PolicyTable() {
    }

    /**
     * @param grants administrator grants by symbolic name, each a list of encoded permissions
     * @param plugins installed plugin bundles
     * @return the encoded rows
     */
    static List<String> rows(Map<String, List<String>> grants, Collection<PluginBundle> plugins) {
        List<String> rows = new ArrayList<>();
        for (PluginBundle plugin : plugins) {
            List<String> granted = grants.get(plugin.symbolicName());
            if (granted != null && !granted.isEmpty() && plugin.declares()) {
                rows.add(row("ALLOW", location(literalLocation(plugin.location()), false), granted,
                        "gcommon-grant " + plugin.symbolicName() + " " + plugin.location()));
            }
        }
        rows.add(row("DENY", location(PLUGINS, false), SandboxDefaults.DENIED, "gcommon-plugins-never"));
        rows.add(row("ALLOW", location(PLUGINS, true), List.of("(java.security.AllPermission)"), "gcommon-runtime"));
        rows.add(row("ALLOW", location(PLUGINS, false), SandboxDefaults.ALLOWED, "gcommon-plugins-default"));
        return rows;
    }

    private static String location(String pattern, boolean negate) {
        String[] args = negate ? new String[] { pattern, "!" } : new String[] { pattern };
        return new ConditionInfo(BundleLocationCondition.class.getName(), args).getEncoded();
    }

    /** @return a location usable as a condition pattern: wildcard and filter characters escaped */
    static String literalLocation(String location) {
        StringBuilder sb = new StringBuilder(location.length() + 8);
        for (char c : location.toCharArray()) {
            if (c == '*' || c == '(' || c == ')' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static String row(String access, String condition, List<String> permissions, String name) {
        StringBuilder sb = new StringBuilder(access).append(" { ").append(condition);
        for (String p : permissions) {
            sb.append(' ').append(p);
        }
        return sb.append(" } \"").append(name.replace("\\", "\\\\").replace("\"", "\\\"")).append('"').toString();
    }
}
