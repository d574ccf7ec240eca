package org.gcommon.plugin.security.scanner.internal;

import org.gcommon.plugin.security.scanner.ScanRule;

/** Thrown inside a scan when an archive limit is passed: reading stops at once. */
final class LimitReached extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final ScanRule rule;
    final String entry;

    LimitReached(ScanRule rule, String entry, String message) {
        super(message, null, false, false);
        this.rule = rule;
        this.entry = entry;
    }
}
