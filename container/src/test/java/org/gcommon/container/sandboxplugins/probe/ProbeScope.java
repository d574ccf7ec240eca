package org.gcommon.container.sandboxplugins.probe;

import java.util.Map;

import org.gcommon.plugin.api.PluginContext;
import org.osgi.framework.BundleContext;

/** What an {@link Attempt} may use: the plugin's bundle context, its runtime context and its configuration. */
public final class ProbeScope {

    private final String pluginName;
    private final BundleContext bundleContext;
    private final PluginContext pluginContext;
    private final Map<String, Object> config;

    ProbeScope(String pluginName, BundleContext bundleContext, PluginContext pluginContext, Map<String, Object> config) {
        this.pluginName = pluginName;
        this.bundleContext = bundleContext;
        this.pluginContext = pluginContext;
        this.config = config;
    }

    public BundleContext bundleContext() {
        return bundleContext;
    }

    public PluginContext pluginContext() {
        return pluginContext;
    }

    /**
     * @param key a key of the plugin's {@code etc/<name>.cfg}
     * @return its value
     * @throws IllegalStateException naming the file, when it is not configured
     */
    public String setting(String key) {
        Object value = config.get(key);
        if (value == null) {
            throw new IllegalStateException("no '" + key + "' in etc/" + pluginName + ".cfg");
        }
        return value.toString().trim();
    }
}
