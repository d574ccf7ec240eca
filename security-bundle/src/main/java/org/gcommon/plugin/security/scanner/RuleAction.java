package org.gcommon.plugin.security.scanner;

import java.util.Locale;

/** What a {@link ScanPolicy} does when a {@link ScanRule} finds something. */
public enum RuleAction {
    /** The finding rejects the archive. */
    REJECT,
    /** The finding is reported as a warning. */
    WARN,
    /** The rule does not run. */
    OFF;

    /** @return the value written in a policy file: {@code reject}, {@code warn} or {@code off} */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param value {@code reject}, {@code warn} or {@code off}, in any case, surrounding blanks ignored
     * @return the action
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static RuleAction parse(String value) {
        String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        for (RuleAction a : values()) {
            if (a.name().equals(v)) {
                return a;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a rule action; use reject, warn or off");
    }
}
