package org.gcommon.plugin.api.middleware;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The runtime's middleware chains, for hosts. Obtain it as an OSGi service. */
@ProviderType
public interface MiddlewareChains {

    /**
     * Runs an exchange through the current middleware of a chain and then the handler. The chain
     * used is the one in place when the call begins: middleware that comes or goes meanwhile
     * affects later requests only. A middleware or handler that throws turns into a 500 response
     * naming it; this method does not throw.
     *
     * @param chain the chain name, e.g. {@link MiddlewarePlugin#DEFAULT_CHAIN}
     * @param exchange the exchange
     * @param handler the host's handler
     */
    void execute(String chain, Exchange exchange, Handler handler);

    /**
     * @param chain the chain name
     * @return the names of the plugins in the chain now, in the order they run
     */
    List<String> middleware(String chain);
}
