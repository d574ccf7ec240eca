package org.gcommon.plugin.security.scanner;

/** The outcome of a scan. */
public enum Verdict {
    /** No finding rejects the archive. */
    ACCEPT,
    /** At least one finding has {@link Severity#REJECT}. */
    REJECT
}
