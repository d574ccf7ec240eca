package org.gcommon.plugin.api;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A gcommon plugin: the unit the runtime configures, starts, watches and stops.
 *
 * <p>Register an implementation as an OSGi service (usually a Declarative Services component with
 * {@code @Component(service = Plugin.class)}). The runtime then calls, each on its own threads and
 * each under a timeout:
 * <ol>
 * <li>{@link #initialize(Map)} with the configuration of PID {@code gcommon.plugin.<name>} (from
 * {@code etc/<name>.cfg} or {@code etc/<name>.json});</li>
 * <li>{@link #start(PluginContext)}: the plugin becomes {@link PluginState#ACTIVE};</li>
 * <li>{@link #health()} whenever somebody asks, with a short cache in front;</li>
 * <li>{@link #stop(PluginContext)} when the service goes away, the configuration changes (then
 * initialize and start follow again) or the container shuts down.</li>
 * </ol>
 * A method that throws or overruns its deadline leaves the plugin {@link PluginState#FAILED} with
 * the error recorded; no other plugin is affected.
 *
 * <p>Implementations must be thread-safe between {@link #health()} and the lifecycle methods: the
 * runtime may ask for health while a start is still running.
 */
@ConsumerType
public interface Plugin {

    /**
     * The plugin's name: unique in a container, stable across versions, used in URLs, in the
     * configuration file name and in the configuration PID. Lower case letters, digits, {@code .},
     * {@code -} and {@code _}; see {@link PluginNames#requireValid(String)}.
     *
     * @return the name, never {@code null}
     */
    String name();

    /**
     * The plugin's version, an OSGi version string such as {@code 1.2.0}. Used to choose between
     * two providers of the same type.
     *
     * @return the version, never {@code null}
     */
    String version();

    /**
     * Receives the plugin's configuration before it starts, and again after each configuration
     * change (between a stop and the next start).
     *
     * @param config the configuration properties; empty when none is configured, never {@code null}
     * @throws PluginException when the configuration is not usable; say which key and why
     */
    void initialize(Map<String, Object> config) throws PluginException;

    /**
     * Starts the plugin's work. Return once the plugin serves; long work belongs on the executor
     * or threads the plugin owns. Check {@link PluginContext#isCancelled()} in long loops.
     *
     * @param context deadline, cancellation, data directory and logger for this call
     * @throws PluginException when the plugin cannot start
     */
    void start(PluginContext context) throws PluginException;

    /**
     * Stops the plugin's work and releases what {@link #start(PluginContext)} took.
     *
     * @param context deadline, cancellation, data directory and logger for this call
     * @throws PluginException when the plugin could not stop cleanly (it is considered stopped)
     */
    void stop(PluginContext context) throws PluginException;

    /**
     * The plugin's current health. Should answer quickly (the runtime gives it 2 s by default and
     * reports {@link HealthStatus.Status#UNKNOWN} past that) and must not block on remote calls;
     * an integration plugin reports the last known state of its remote side.
     *
     * @return the current health, never {@code null}
     */
    HealthStatus health();
}
