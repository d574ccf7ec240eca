package org.gcommon.plugin.api.middleware;

import java.nio.charset.StandardCharsets;

/** The response side of an {@link Exchange}: status, headers and body, written by the handler or a middleware. */
public final class Response {

    private int status = 200;
    private final Headers headers = new Headers();
    private byte[] body = new byte[0];

    /** @return the status code, 200 until set */
    public int status() {
        return status;
    }

    /**
     * @param status a status code from 100 to 599
     * @return this
     * @throws IllegalArgumentException naming the value, when out of range
     */
    public Response status(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("Invalid status " + status + ": use 100 to 599");
        }
        this.status = status;
        return this;
    }

    /** @return the response headers, modifiable */
    public Headers headers() {
        return headers;
    }

    /** @return the body, never {@code null}; not copied */
    public byte[] body() {
        return body;
    }

    /** @param body the body, {@code null} for none @return this */
    public Response body(byte[] body) {
        this.body = body == null ? new byte[0] : body;
        return this;
    }

    /**
     * Sets a UTF-8 text body and its content type.
     *
     * @param contentType e.g. {@code application/json}
     * @param text the body
     * @return this
     */
    public Response text(String contentType, String text) {
        headers.set("Content-Type", contentType + "; charset=utf-8");
        this.body = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }
}
