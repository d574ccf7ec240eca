package org.gcommon.plugin.api.middleware;

import org.osgi.annotation.versioning.ProviderType;

/** The rest of a middleware chain, as seen by one middleware. */
@ProviderType
public interface Chain {

    /**
     * Runs the next middleware, or the host's handler after the last one.
     *
     * @param exchange the exchange, usually the one received
     * @throws Exception what the rest of the chain threw
     */
    void proceed(Exchange exchange) throws Exception;
}
