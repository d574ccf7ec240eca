package org.gcommon.plugin.security.scanner;

/** How much a {@link Finding} weighs. */
public enum Severity {
    /** The archive must not be installed or resolved. */
    REJECT,
    /** Reported, but does not stop the archive. */
    WARN,
    /** Context for the reader, e.g. how many more occurrences of a finding were not listed. */
    INFO
}
