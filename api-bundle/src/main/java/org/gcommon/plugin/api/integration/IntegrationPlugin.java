package org.gcommon.plugin.api.integration;

import org.gcommon.plugin.api.Plugin;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A plugin that connects a third-party service: it connects in
 * {@link Plugin#start(org.gcommon.plugin.api.PluginContext)}, disconnects in
 * {@link Plugin#stop(org.gcommon.plugin.api.PluginContext)}, and its {@link Plugin#health()} reflects
 * the remote side as last seen (never a blocking remote call). Wrap remote calls in a
 * {@link CircuitBreaker} from {@link Resilience}.
 */
@ConsumerType
public interface IntegrationPlugin extends Plugin {

    /** @return the remote endpoint, for people (a URL or host:port; without credentials) */
    String endpoint();
}
