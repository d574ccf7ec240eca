package org.gcommon.plugin.repository.internal;

import java.util.Objects;

/**
 * A repository call that was refused and changed nothing: the message names the input and the
 * problem, {@link #fix()} what to do, {@link #problem()} which kind it is (the HTTP status).
 */
final class RepositoryException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Kinds of refusal, each with its HTTP status. */
    enum Problem {
        /** A malformed name, version range or body. */
        BAD_INPUT(400),
        /** No plugin of that name in the repositories or the container. */
        NOT_FOUND(404),
        /** Refused because of the container's state: incompatible API, unresolvable requirements, already installed. */
        CONFLICT(409),
        /** A repository or artifact could not be read, or its content does not match the index. */
        UNAVAILABLE(502),
        /** The runtime service every change goes through is not running: nothing can be changed now. */
        RUNTIME_MISSING(503);

        private final int status;

        Problem(int status) {
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    private final Problem problem;
    private final String fix;

    RepositoryException(Problem problem, String message, String fix) {
        this(problem, message, fix, null);
    }

    RepositoryException(Problem problem, String message, String fix, Throwable cause) {
        super(message, cause);
        this.problem = Objects.requireNonNull(problem, "problem");
        this.fix = fix;
    }

    Problem problem() {
        return problem;
    }

    String fix() {
        return fix;
    }
}
