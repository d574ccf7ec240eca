package org.gcommon.plugin.api.middleware;

import org.osgi.annotation.versioning.ConsumerType;

/** The host's own work at the end of a chain: writes the response. */
@ConsumerType
@FunctionalInterface
public interface Handler {

    /**
     * @param exchange the request and its response
     * @throws Exception to fail the request
     */
    void handle(Exchange exchange) throws Exception;
}
