package org.gcommon.plugin.console.internal;

/**
 * A request the endpoint cannot take, answered with {@code status} and {@code {"error", "fix"}}. Thrown
 * before anything changes.
 */
final class HttpProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String fix;

    HttpProblem(int status, String error, String fix) {
        super(error, null, false, false);
        this.status = status;
        this.fix = fix;
    }

    int status() {
        return status;
    }

    String fix() {
        return fix;
    }
}
