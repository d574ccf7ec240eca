package org.gcommon.plugin.security.scanner;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.gcommon.plugin.security.scanner.internal.JsonWriter;

/**
 * What a scan found in one archive: the verdict, the bundle's identity when the manifest could be read,
 * its signers, and every finding. Immutable.
 */
public final class ScanReport {

    private final String archive;
    private final String symbolicName;
    private final String version;
    private final List<Signer> signers;
    private final List<Finding> findings;
    private final Verdict verdict;

    /**
     * @param archive the archive's name, e.g. its file name
     * @param symbolicName the Bundle-SymbolicName (without attributes), or {@code null} when unreadable
     * @param version the Bundle-Version as written, or {@code null} when unreadable
     * @param signers the certificates that signed the archive, empty when it is not signed
     * @param findings what the scan found; the verdict is {@link Verdict#REJECT} when any of them has
     *     {@link Severity#REJECT}
     */
    public ScanReport(String archive, String symbolicName, String version, List<Signer> signers, List<Finding> findings) {
        this.archive = Objects.requireNonNull(archive, "archive");
        this.symbolicName = symbolicName;
        this.version = version;
        this.signers = List.copyOf(signers);
        this.findings = List.copyOf(findings);
        this.verdict = this.findings.stream().anyMatch(f -> f.severity() == Severity.REJECT) ? Verdict.REJECT
                : Verdict.ACCEPT;
    }

    /** @return the archive's name */
    public String archive() {
        return archive;
    }

    /** @return ACCEPT, or REJECT when at least one finding rejects */
    public Verdict verdict() {
        return verdict;
    }

    /** @return {@code true} when the verdict is ACCEPT */
    public boolean accepted() {
        return verdict == Verdict.ACCEPT;
    }

    /** @return the Bundle-SymbolicName, when the manifest could be read and has one */
    public Optional<String> symbolicName() {
        return Optional.ofNullable(symbolicName);
    }

    /** @return the Bundle-Version as written in the manifest, when there is one */
    public Optional<String> version() {
        return Optional.ofNullable(version);
    }

    /** @return the certificates that signed the archive; empty when it is not signed */
    public List<Signer> signers() {
        return signers;
    }

    /** @return every finding, in the order found */
    public List<Finding> findings() {
        return findings;
    }

    /**
     * @param severity a severity
     * @return the findings of that severity
     */
    public List<Finding> findings(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).toList();
    }

    /**
     * @param rule a rule
     * @return the findings of that rule
     */
    public List<Finding> findings(ScanRule rule) {
        return findings.stream().filter(f -> f.rule() == rule).toList();
    }

    /**
     * @return one line per rejecting finding ({@code [rule] where: message}), for lists of reasons such as
     *     the REJECTED state of a plugin; empty when accepted
     */
    public List<String> reasons() {
        return findings(Severity.REJECT).stream()
                .map(f -> "[" + f.ruleId() + "] " + f.location() + ": " + f.message())
                .toList();
    }

    /** @return the report for people: verdict, bundle, signers, findings, and why the rejecting rules exist */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(archive).append(": ").append(verdict).append('\n');
        b.append("  bundle:   ").append(symbolicName == null ? "(unknown)" : symbolicName)
                .append(version == null ? "" : " " + version).append('\n');
        b.append("  signers:  ");
        if (signers.isEmpty()) {
            b.append("none (not signed)\n");
        } else {
            for (int i = 0; i < signers.size(); i++) {
                b.append(i == 0 ? "" : "            ").append(signers.get(i)).append('\n');
            }
        }
        int reject = findings(Severity.REJECT).size();
        int warn = findings(Severity.WARN).size();
        b.append("  findings: ").append(findings.size()).append(" (").append(reject).append(" reject, ").append(warn)
                .append(" warn)\n");
        for (Finding f : findings) {
            b.append('\n').append("  ").append(String.format("%-6s", f.severity())).append(' ').append(f.ruleId())
                    .append('\n');
            b.append("         at ").append(f.location()).append('\n');
            b.append("         ").append(f.message()).append('\n');
        }
        Set<ScanRule> rejecting = EnumSet.noneOf(ScanRule.class);
        findings(Severity.REJECT).forEach(f -> rejecting.add(f.rule()));
        if (!rejecting.isEmpty()) {
            b.append("\nWhy these rules reject:\n");
            for (ScanRule r : rejecting) {
                b.append("  ").append(r.id()).append(": ").append(r.rationale()).append('\n');
            }
        }
        return b.toString();
    }

    /**
     * @return the report as JSON: {@code {"archive", "verdict", "symbolicName", "version", "signers": [{"subject",
     *     "sha256"}], "findings": [{"rule", "severity", "entry", "class", "method", "line", "message"}]}}; location
     *     fields that do not apply are left out
     */
    public String toJson() {
        JsonWriter w = new JsonWriter();
        w.beginObject();
        w.name("archive").value(archive);
        w.name("verdict").value(verdict.name());
        w.name("symbolicName").value(symbolicName);
        w.name("version").value(version);
        w.name("signers").beginArray();
        for (Signer s : signers) {
            w.beginObject().name("subject").value(s.subject()).name("sha256").value(s.sha256()).endObject();
        }
        w.endArray();
        w.name("findings").beginArray();
        for (Finding f : findings) {
            w.beginObject();
            w.name("rule").value(f.ruleId());
            w.name("severity").value(f.severity().name());
            if (f.entry() != null) {
                w.name("entry").value(f.entry());
            }
            if (f.className() != null) {
                w.name("class").value(f.className());
            }
            if (f.method() != null) {
                w.name("method").value(f.method());
            }
            if (f.line() >= 0) {
                w.name("line").value(f.line());
            }
            w.name("message").value(f.message());
            w.endObject();
        }
        w.endArray();
        w.endObject();
        return w.toString();
    }

    @Override
    public String toString() {
        List<String> rules = new ArrayList<>();
        findings.forEach(f -> rules.add(f.severity() + " " + f.ruleId()));
        return "ScanReport[" + archive + " " + verdict + " " + rules + "]";
    }
}
