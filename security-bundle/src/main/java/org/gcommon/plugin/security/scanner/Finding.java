package org.gcommon.plugin.security.scanner;

import java.util.Objects;

/**
 * One thing the scanner found: which rule, how severe, where, and a message that names what was found
 * and what the plugin's author should change.
 *
 * @param rule the rule that found it
 * @param severity how much it weighs under the policy the scan ran with
 * @param entry the archive entry, e.g. {@code com/acme/Cache.class} or {@code META-INF/MANIFEST.MF};
 *     an entry of an embedded jar reads {@code lib/x.jar!/com/acme/Y.class}; {@code null} for the
 *     archive as a whole
 * @param className the class, dotted ({@code com.acme.Cache}), for bytecode findings, else {@code null}
 * @param method the method name for bytecode findings ({@code <init>} for constructors), else {@code null}
 * @param line the source line from the class's line number table, or {@code -1} when unknown
 * @param message what was found and what to change
 */
public record Finding(ScanRule rule, Severity severity, String entry, String className, String method, int line,
        String message) {

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        if (line < -1) {
            line = -1;
        }
    }

    /**
     * @param rule the rule that found it
     * @param severity how much it weighs
     * @param entry the archive entry, or {@code null} for the archive as a whole
     * @param message what was found and what to change
     * @return a finding about an entry (or the whole archive)
     */
    public static Finding at(ScanRule rule, Severity severity, String entry, String message) {
        return new Finding(rule, severity, entry, null, null, -1, message);
    }

    /** @return the rule's id, e.g. {@code bytecode.system-exit} */
    public String ruleId() {
        return rule.id();
    }

    /**
     * @return where the finding is, for people: {@code com/acme/Cache.class, com.acme.Cache.stop() line 42},
     *     or {@code (archive)}
     */
    public String location() {
        StringBuilder b = new StringBuilder();
        if (entry != null) {
            b.append(entry);
        }
        if (className != null) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(className);
            if (method != null) {
                b.append('.').append(method).append("()");
            }
            if (line >= 0) {
                b.append(" line ").append(line);
            }
        }
        return b.length() == 0 ? "(archive)" : b.toString();
    }

    @Override
    public String toString() {
        return severity + " " + rule.id() + " " + location() + ": " + message;
    }
}
