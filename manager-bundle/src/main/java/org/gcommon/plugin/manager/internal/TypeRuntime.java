package org.gcommon.plugin.manager.internal;

/**
 * The part of the runtime that serves one kind of plugin (middleware chains, extension points…).
 * Called on the plugin's lane, so a plugin never becomes visible before it is ACTIVE and is
 * withdrawn before it is stopped.
 */
interface TypeRuntime {

    /**
     * After start() returned, before the plugin is ACTIVE: fetch what the plugin contributes.
     *
     * @throws CallFailure when the plugin's contribution cannot be had (the plugin then fails)
     */
    void prepare(ManagedPlugin plugin, PluginCalls calls) throws CallFailure;

    /** The plugin is ACTIVE: make its contribution visible. */
    void activated(ManagedPlugin plugin);

    /** The plugin is about to stop or went away: withdraw its contribution. */
    void deactivating(ManagedPlugin plugin);

    /** Calls into one plugin's code under the lifecycle timeout. */
    interface PluginCalls {
        <T> T call(String method, TimedCalls.PluginCall<T> call) throws CallFailure;
    }
}
