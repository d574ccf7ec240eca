package org.gcommon.container;

/**
 * Wrong input to {@code gcommon start}: a bad option, a home that cannot be used, a port that is
 * taken. The message is one line naming the input, the problem and the fix; the launcher prints it
 * and exits with status 2 before it has created anything.
 */
final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
