package org.gcommon.plugin.api.middleware;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One request and its response travelling through a middleware chain, with attributes for
 * middleware to pass values along (a request id, an authenticated user…). Used by one request at a
 * time: not thread-safe.
 */
public final class Exchange {

    private final Request request;
    private final Response response = new Response();
    private final Map<String, Object> attributes = new HashMap<>();

    /** @param request the request */
    public Exchange(Request request) {
        this.request = Objects.requireNonNull(request, "request");
    }

    /** @return the request */
    public Request request() {
        return request;
    }

    /** @return the response */
    public Response response() {
        return response;
    }

    /** @return attributes shared along the chain, modifiable */
    public Map<String, Object> attributes() {
        return attributes;
    }
}
