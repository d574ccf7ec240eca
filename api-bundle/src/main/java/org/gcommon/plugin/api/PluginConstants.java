package org.gcommon.plugin.api;

/** Names shared by the runtime, plugins and tools: configuration PIDs, event topics and properties. */
public final class PluginConstants {

    private PluginConstants() {
    }

    /** A plugin's configuration PID is this prefix plus its {@link Plugin#name()}. */
    public static final String CONFIG_PID_PREFIX = "gcommon.plugin.";

    /** Topic of plugin state events; the new state is appended, e.g. {@code org/gcommon/plugin/STATE/ACTIVE}. */
    public static final String TOPIC_STATE = "org/gcommon/plugin/STATE";

    /** Event property: the plugin's name. */
    public static final String EVENT_PLUGIN_NAME = "plugin.name";

    /** Event property: the plugin's version. */
    public static final String EVENT_PLUGIN_VERSION = "plugin.version";

    /** Event property: the previous state's name, absent for a first state. */
    public static final String EVENT_FROM = "plugin.state.from";

    /** Event property: the new state's name. */
    public static final String EVENT_TO = "plugin.state";

    /** Event property: the reason for the transition, when there is one. */
    public static final String EVENT_REASON = "plugin.reason";

    /**
     * Bundle locations of everything installed as a plugin (deploy folder, API, shell) start with
     * this prefix; the runtime's own bundles have {@code file:} locations under {@code system/}.
     */
    public static final String PLUGIN_LOCATION_PREFIX = "gcommon:";

    /** Framework property: the container's home directory. */
    public static final String PROP_HOME = "gcommon.home";

    /**
     * @param pluginName a plugin name
     * @return its configuration PID
     */
    public static String configPid(String pluginName) {
        return CONFIG_PID_PREFIX + pluginName;
    }
}
