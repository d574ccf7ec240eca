package org.gcommon.plugin.api;

/**
 * Where a plugin is in its life. Every transition is reported to {@link PluginStateListener}s and
 * published as an event on {@link PluginConstants#TOPIC_STATE}.
 *
 * <pre>
 * INSTALLED → RESOLVED → INITIALIZED → STARTING → ACTIVE → STOPPING → STOPPED
 *                  any lifecycle error or timeout → FAILED
 *                  scanner refused the archive   → REJECTED (never resolves)
 *                  resource limit overrun         → QUARANTINED
 * </pre>
 */
public enum PluginState {
    /** The bundle is installed; its dependencies are not yet wired. */
    INSTALLED,
    /** The bundle is resolved; the plugin has not been initialized. */
    RESOLVED,
    /** {@link Plugin#initialize} returned; start follows. */
    INITIALIZED,
    /** {@link Plugin#start} is running. */
    STARTING,
    /** {@link Plugin#start} returned: the plugin serves. */
    ACTIVE,
    /** {@link Plugin#stop} is running. */
    STOPPING,
    /** The plugin was stopped and may be started again. */
    STOPPED,
    /** A lifecycle call threw, timed out, or the bundle could not be resolved or started. */
    FAILED,
    /** The archive was refused before it could resolve; see the plugin's reasons. */
    REJECTED,
    /** The plugin went over a resource limit and was stopped by the runtime. */
    QUARANTINED;

    /**
     * Whether the plugin is contained: failed, rejected or quarantined. Such a plugin is reported
     * but does not by itself make the container unhealthy.
     *
     * @return {@code true} for {@link #FAILED}, {@link #REJECTED} and {@link #QUARANTINED}
     */
    public boolean isContained() {
        return this == FAILED || this == REJECTED || this == QUARANTINED;
    }
}
