package org.gcommon.plugin.api.security;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Takes a plugin out of service after it overran a resource limit: its bundle is stopped, its plugins
 * are listed QUARANTINED with the reason, and an event is sent. Registered by the plugin runtime and
 * used by the runtime's resource limits; the plugin comes back only when an operator starts it again.
 */
@ProviderType
public interface Quarantine {

    /**
     * @param bundleId the plugin bundle
     * @param reason which limit, the measured value and how to raise the limit
     */
    void quarantine(long bundleId, String reason);
}
