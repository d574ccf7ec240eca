package org.gcommon.plugin.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Health of plugins, always quick to answer: every {@link Plugin#health()} call runs on a runtime
 * thread under a timeout (2 s by default) and results are cached briefly, so a plugin that hangs
 * shows {@link HealthStatus.Status#UNKNOWN} instead of blocking the caller.
 */
@ProviderType
public interface HealthService {

    /**
     * @param pluginName the plugin's name
     * @return its health; {@link HealthStatus.Status#UNKNOWN} for a plugin that is not
     *         {@link PluginState#ACTIVE} or not known (the message says which)
     */
    HealthStatus health(String pluginName);

    /** @return the health of the runtime and of every plugin it knows */
    HealthReport report();
}
