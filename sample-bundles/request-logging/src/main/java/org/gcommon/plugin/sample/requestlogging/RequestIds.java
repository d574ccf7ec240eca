package org.gcommon.plugin.sample.requestlogging;

import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Which incoming request ids are kept. An id ends up in response headers and log lines, so only short
 * tokens of harmless characters pass: anything else (too long, spaces, line breaks, quotes) could
 * forge log lines or headers, and is replaced by a fresh id.
 */
final class RequestIds {

    /** Longest incoming id kept. */
    static final int MAX_LENGTH = 64;

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_LENGTH + "}");

    /** Fresh ids: random UUIDs. */
    static final Supplier<String> RANDOM = () -> UUID.randomUUID().toString();

    private RequestIds() {
    }

    /**
     * @param candidate an incoming id, or {@code null}
     * @return whether it may be kept: 1 to {@value #MAX_LENGTH} letters, digits, {@code .}, {@code _},
     *         {@code :} or {@code -}
     */
    static boolean isSafe(String candidate) {
        return candidate != null && SAFE.matcher(candidate).matches();
    }
}
