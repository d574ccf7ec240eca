package org.gcommon.plugin.api.integration;

/** Thrown instead of calling a remote service whose circuit breaker is open. */
public class OpenCircuitException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message which breaker and when it retries */
    public OpenCircuitException(String message) {
        super(message);
    }
}
