package org.gcommon.plugin.api.admin;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Manages the container's plugins on behalf of an operator. Every call blocks until its outcome is
 * known (installed and started, refused, rolled back …) and answers it as an {@link AdminResult};
 * bad input is an {@link AdminException} whose message names the input, the problem and the fix,
 * and changes nothing.
 *
 * <p>Plugins are named as in {@code GET /api/plugins}: the plugin's name, else its
 * Bundle-SymbolicName, else (a jar with no usable manifest) its file name.
 */
@ProviderType
public interface PluginAdmin {

    /**
     * Installs and starts a plugin from a jar the caller hands over, as if it had been dropped into
     * {@code deploy/} under {@code fileName}: it is scanned first and survives a restart.
     *
     * @param fileName the jar's file name in {@code deploy/}, e.g. {@code memory-cache-1.0.0.jar}
     * @param jar      the archive's bytes; read to the end, not closed
     * @return the outcome
     * @throws AdminException for a bad file name, a name already in {@code deploy/} (use update), or a
     *                        jar that cannot be stored
     */
    AdminResult install(String fileName, InputStream jar) throws AdminException;

    /**
     * Installs and starts a plugin fetched from a source: Maven coordinates
     * {@code mvn:group/artifact/version} (resolved from the local repository and the configured
     * remote ones), or a {@code file:}, {@code http:} or {@code https:} URL.
     *
     * @param source where the jar comes from
     * @return the outcome
     * @throws AdminException for an unknown scheme, or a source that cannot be fetched
     */
    AdminResult install(String source) throws AdminException;

    /**
     * Replaces a plugin with a new jar. The previous version is kept; if the new one fails to start
     * or is not HEALTHY within the update window, the runtime rolls back to the previous one and the
     * result says {@link AdminResult.Outcome#ROLLED_BACK} with the reason.
     *
     * @param name the plugin
     * @param jar  the new archive's bytes; read to the end, not closed
     * @return the outcome
     * @throws AdminException when no plugin has that name, or the plugin was not installed by the
     *                        runtime (a runtime bundle)
     */
    AdminResult update(String name, InputStream jar) throws AdminException;

    /**
     * Like {@link #update(String, InputStream)}, with the new jar fetched from a source as in
     * {@link #install(String)}.
     *
     * @param name   the plugin
     * @param source where the new jar comes from
     * @return the outcome
     * @throws AdminException as for {@link #update(String, InputStream)} and {@link #install(String)}
     */
    AdminResult update(String name, String source) throws AdminException;

    /**
     * Starts a stopped, failed or quarantined plugin; it stays started across restarts.
     *
     * @param name the plugin
     * @return the outcome
     * @throws AdminException when no plugin has that name, or it was rejected (nothing to start)
     */
    AdminResult start(String name) throws AdminException;

    /**
     * Stops a plugin; it stays stopped across restarts until started again.
     *
     * @param name the plugin
     * @return the outcome
     * @throws AdminException when no plugin has that name
     */
    AdminResult stop(String name) throws AdminException;

    /**
     * Uninstalls a plugin and removes its jar from {@code deploy/}.
     *
     * @param name the plugin
     * @return the outcome
     * @throws AdminException when no plugin has that name, or it is a runtime bundle
     */
    AdminResult uninstall(String name) throws AdminException;

    /**
     * @param name the plugin
     * @return the configuration the plugin receives in {@code initialize(config)}, from
     *         {@code etc/<name>.cfg} or {@code .json}; empty when it has none
     * @throws AdminException when no plugin has that name
     */
    Map<String, Object> configuration(String name) throws AdminException;

    /**
     * Replaces a plugin's configuration: writes {@code etc/<name>.json} (removing a {@code .cfg} of
     * the same plugin), which reconfigures the plugin as an edit of the file would.
     *
     * @param name          the plugin
     * @param configuration keys and values (strings, numbers, booleans, lists of those)
     * @throws AdminException when no plugin has that name, or a value has an unsupported type
     */
    void configure(String name, Map<String, Object> configuration) throws AdminException;

    /**
     * @param name the plugin
     * @return the permissions granted to the plugin in {@code etc/org.gcommon.plugin.security.grants.cfg},
     *         each encoded as {@code (type "name" "actions")}
     * @throws AdminException when no plugin has that name
     */
    List<String> grants(String name) throws AdminException;

    /**
     * Replaces the permissions granted to a plugin (its line in the grants file); applied at once.
     * A plugin only gets a granted permission it also declares.
     *
     * @param name        the plugin
     * @param permissions each encoded as {@code (type "name" "actions")}; empty removes the grant
     * @throws AdminException when no plugin has that name, or a permission is malformed
     */
    void grant(String name, List<String> permissions) throws AdminException;

    /**
     * @param name the plugin
     * @return the plugin's own limit overrides in {@code etc/org.gcommon.plugin.security.limits.cfg}
     *         ({@code threads.max}, {@code cpu.percent.max}, {@code cpu.window.seconds})
     * @throws AdminException when no plugin has that name
     */
    Map<String, Long> limits(String name) throws AdminException;

    /**
     * Replaces the plugin's own limit overrides; applied at once.
     *
     * @param name   the plugin
     * @param limits limit name to value; an absent limit falls back to the default
     * @throws AdminException when no plugin has that name, a limit is unknown, or a value is not positive
     */
    void setLimits(String name, Map<String, Long> limits) throws AdminException;

    /**
     * @param name the plugin
     * @return the last update tried on it, from any path (deploy folder or a call), kept across restarts;
     *         empty when it was never updated or no plugin has that name
     */
    Optional<LastUpdate> lastUpdate(String name);

    /**
     * @param max how many events at most
     * @return the most recent management and lifecycle events, newest first
     */
    List<AdminEvent> recentEvents(int max);
}
