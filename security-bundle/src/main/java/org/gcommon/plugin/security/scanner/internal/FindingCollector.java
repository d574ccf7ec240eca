package org.gcommon.plugin.security.scanner.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.gcommon.plugin.security.scanner.Finding;
import org.gcommon.plugin.security.scanner.RuleAction;
import org.gcommon.plugin.security.scanner.ScanPolicy;
import org.gcommon.plugin.security.scanner.ScanRule;
import org.gcommon.plugin.security.scanner.Severity;

/**
 * Gathers the findings of one scan under a policy: drops the rules that are off, gives the others the
 * policy's severity, and lists at most {@value #MAX_LISTED_PER_RULE} findings per rule so that a
 * report on a large library stays readable (the rest are counted in one INFO finding).
 */
public final class FindingCollector {

    static final int MAX_LISTED_PER_RULE = 20;

    private final ScanPolicy policy;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<ScanRule, Integer> counts = new EnumMap<>(ScanRule.class);

    public FindingCollector(ScanPolicy policy) {
        this.policy = policy;
    }

    /** @return whether the policy runs the rule at all */
    boolean isOn(ScanRule rule) {
        return policy.action(rule) != RuleAction.OFF;
    }

    ScanPolicy policy() {
        return policy;
    }

    void add(ScanRule rule, String entry, String message) {
        add(rule, entry, null, null, -1, message);
    }

    void add(ScanRule rule, String entry, String className, String method, int line, String message) {
        RuleAction action = policy.action(rule);
        if (action == RuleAction.OFF) {
            return;
        }
        int n = counts.merge(rule, 1, Integer::sum);
        if (n <= MAX_LISTED_PER_RULE) {
            findings.add(new Finding(rule, action == RuleAction.REJECT ? Severity.REJECT : Severity.WARN,
                    EntryNames.printable(entry), className, method, line, message));
        }
    }

    /** An informational finding: context for the reader that never changes the verdict. */
    void info(ScanRule rule, String entry, String message) {
        if (isOn(rule)) {
            findings.add(Finding.at(rule, Severity.INFO, EntryNames.printable(entry), message));
        }
    }

    /** @return the findings, followed by one INFO finding per rule that found more than were listed */
    public List<Finding> finish() {
        List<Finding> out = new ArrayList<>(findings);
        counts.forEach((rule, n) -> {
            if (n > MAX_LISTED_PER_RULE) {
                out.add(Finding.at(rule, Severity.INFO, null, (n - MAX_LISTED_PER_RULE) + " more findings of "
                        + rule.id() + " are not listed (" + n + " in all)"));
            }
        });
        return out;
    }
}
