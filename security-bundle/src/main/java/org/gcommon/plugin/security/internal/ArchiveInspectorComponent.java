package org.gcommon.plugin.security.internal;

import java.nio.file.Path;
import java.util.List;

import org.gcommon.plugin.api.security.ArchiveInspector;
import org.gcommon.plugin.api.security.ArchiveVerdict;
import org.gcommon.plugin.security.scanner.ArchiveScanner;
import org.gcommon.plugin.security.scanner.Finding;
import org.gcommon.plugin.security.scanner.ScanReport;
import org.gcommon.plugin.security.scanner.Severity;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The scanner as the runtime's deploy folder sees it: a verdict with reasons, before anything is installed. */
@Component(service = ArchiveInspector.class)
public final class ArchiveInspectorComponent implements ArchiveInspector {

    @Reference
    private ArchiveScanner scanner;

    @Override
    public ArchiveVerdict inspect(Path archive) {
        ScanReport report = scanner.scan(archive);
        List<String> warnings = report.findings(Severity.WARN).stream().map(ArchiveInspectorComponent::line).toList();
        return new Verdict(report.accepted(), report.reasons(), warnings);
    }

    private static String line(Finding f) {
        return "[" + f.ruleId() + "] " + f.location() + ": " + f.message();
    }

    private record Verdict(boolean accepted, List<String> reasons, List<String> warnings) implements ArchiveVerdict {
    }
}
