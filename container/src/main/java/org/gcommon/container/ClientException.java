package org.gcommon.container;

/** A client command that did not do what was asked; {@link #exitCode()} tells scripts which way. */
final class ClientException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The container refused the request or the operation failed (rejected, rolled back, not found …). */
    static final int EXIT_REFUSED = 1;
    /** No container answers at the address. */
    static final int EXIT_UNREACHABLE = 3;
    /** The admin token is missing or wrong. */
    static final int EXIT_UNAUTHORIZED = 4;

    private final int exitCode;

    ClientException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
