package org.gcommon.plugin.api.admin;

/**
 * A management call that could not be carried out and changed nothing. The message names the
 * input, the problem and the fix; {@link #problem()} says which kind of problem it is, which the HTTP
 * API maps to its status code.
 */
public class AdminException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Kinds of problem. */
    public enum Problem {
        /** Malformed input: a bad name, value or archive (HTTP 400). */
        BAD_INPUT,
        /** No plugin has that name (HTTP 404). */
        NOT_FOUND,
        /** The request conflicts with the current state, e.g. installing a file name already in deploy/ (HTTP 409). */
        CONFLICT,
        /** The source could not be fetched (HTTP 502). */
        UNAVAILABLE,
        /** A file of the container's own could not be read or written, e.g. a full or read-only disk (HTTP 507). */
        STORAGE
    }

    private final Problem problem;

    /**
     * @param problem the kind of problem
     * @param message the input, the problem and the fix
     */
    public AdminException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    /**
     * @param problem the kind of problem
     * @param message the input, the problem and the fix
     * @param cause   what went wrong underneath
     */
    public AdminException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    /** @return the kind of problem */
    public Problem problem() {
        return problem;
    }
}
