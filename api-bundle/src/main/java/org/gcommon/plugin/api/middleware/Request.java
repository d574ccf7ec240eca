package org.gcommon.plugin.api.middleware;

import java.util.Objects;

/**
 * The request side of an {@link Exchange}: method, path, query, headers and body. Middleware may
 * change headers and body for the middleware after it.
 */
public final class Request {

    private final String method;
    private final String path;
    private final String query;
    private final Headers headers = new Headers();
    private byte[] body;

    /**
     * @param method e.g. {@code GET}
     * @param path the path below the host's route, e.g. {@code /echo}
     * @param query the raw query string without {@code ?}, or {@code null}
     * @param body the body, {@code null} for none
     */
    public Request(String method, String path, String query, byte[] body) {
        this.method = Objects.requireNonNull(method, "method");
        this.path = Objects.requireNonNull(path, "path");
        this.query = query;
        this.body = body == null ? new byte[0] : body;
    }

    /** @return the method, e.g. {@code GET} */
    public String method() {
        return method;
    }

    /** @return the path below the host's route */
    public String path() {
        return path;
    }

    /** @return the raw query string, or {@code null} */
    public String query() {
        return query;
    }

    /** @return the request headers, modifiable */
    public Headers headers() {
        return headers;
    }

    /** @return the body (never {@code null}); not copied */
    public byte[] body() {
        return body;
    }

    /** @param body the new body, {@code null} for none */
    public void body(byte[] body) {
        this.body = body == null ? new byte[0] : body;
    }
}
