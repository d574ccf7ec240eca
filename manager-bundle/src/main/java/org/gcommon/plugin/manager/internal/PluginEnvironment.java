package org.gcommon.plugin.manager.internal;

import java.nio.file.Path;
import java.util.Map;

import org.gcommon.plugin.api.PluginLogger;
import org.gcommon.plugin.api.PluginRegistry;
import org.gcommon.plugin.api.event.PluginEvents;

/** What the lifecycle needs from the framework for one plugin: its configuration, data area and logger. */
interface PluginEnvironment {

    /**
     * @param pluginName the plugin's name
     * @return the configuration of PID {@code gcommon.plugin.<name>}, empty when there is none
     * @throws CallFailure when the configuration cannot be read (the message says why)
     */
    Map<String, Object> configuration(String pluginName) throws CallFailure;

    /** @return an existing directory private to the plugin */
    Path dataDirectory(ManagedPlugin plugin);

    /** @return a logger that names the plugin */
    PluginLogger logger(ManagedPlugin plugin);

    /** @return the plugin's event bus handle */
    PluginEvents events(ManagedPlugin plugin);

    /** @return the registry handed to plugins */
    PluginRegistry registry();
}
