package org.gcommon.plugin.api.middleware;

import org.gcommon.plugin.api.Plugin;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A plugin that contributes a {@link Middleware} to a chain. Its position is its service ranking
 * ({@code service.ranking}, highest runs first); it takes part only while
 * {@link org.gcommon.plugin.api.PluginState#ACTIVE}.
 */
@ConsumerType
public interface MiddlewarePlugin extends Plugin {

    /** The chain every host uses unless it names another. */
    String DEFAULT_CHAIN = "default";

    /** @return the chain this middleware belongs to; {@link #DEFAULT_CHAIN} unless overridden */
    default String chain() {
        return DEFAULT_CHAIN;
    }

    /** @return the middleware; called once after a successful start */
    Middleware middleware();
}
