package org.gcommon.plugin.console.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gcommon.plugin.api.HealthReport;
import org.gcommon.plugin.api.HealthService;
import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.PluginInfo;
import org.gcommon.plugin.api.PluginRegistry;
import org.gcommon.plugin.api.security.ArchiveInspector;
import org.gcommon.plugin.api.security.ArchiveVerdict;
import org.gcommon.plugin.api.security.Denial;
import org.gcommon.plugin.api.security.PermissionReport;
import org.gcommon.plugin.api.security.PluginLimits;
import org.gcommon.plugin.api.security.PluginPermissions;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The Gogo shell's read-only plugin commands: {@code plugin:list}, {@code plugin:info NAME},
 * {@code plugin:health}, {@code plugin:scan FILE}. They answer what the HTTP API answers, as tables.
 */
@Component(service = PluginCommands.class, property = { "osgi.command.scope=plugin",
        "osgi.command.function=list", "osgi.command.function=info", "osgi.command.function=health",
        "osgi.command.function=scan" })
public class PluginCommands {

    @Reference
    private PluginRegistry registry;

    @Reference
    private HealthService healthService;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PluginPermissions permissions;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PluginLimits limits;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ArchiveInspector inspector;

    /** {@code plugin:list}: every plugin with version, type, state and health. */
    public String list() {
        HealthReport report = healthService.report();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] { "NAME", "VERSION", "TYPE", "STATE", "HEALTH", "BUNDLE" });
        for (PluginInfo p : registry.plugins()) {
            HealthStatus h = report.plugins().get(p.name());
            rows.add(new String[] { p.name(), p.version(), p.type().name(), p.state().name(),
                    h == null ? "" : h.status().name(), p.bundleId() < 0 ? "-" : Long.toString(p.bundleId()) });
        }
        return Tables.format(rows);
    }

    /** {@code plugin:info NAME}: everything known of one plugin. */
    public String info(String name) {
        Optional<PluginInfo> found = registry.plugin(name);
        if (found.isEmpty()) {
            return "No plugin named '" + name + "': plugin:list shows every name";
        }
        PluginInfo p = found.get();
        StringBuilder out = new StringBuilder();
        line(out, "name", p.name());
        line(out, "version", p.version());
        line(out, "type", p.type().name());
        line(out, "state", p.state() + " since " + p.stateSince());
        line(out, "health", String.valueOf(healthService.health(p.name())));
        line(out, "bundle", p.bundleId() < 0 ? "-" : p.bundleId() + " " + p.symbolicName());
        line(out, "location", p.location());
        p.providerType().ifPresent(t -> line(out, "provides", t));
        p.lastError().ifPresent(e -> line(out, "last error", e));
        p.reasons().forEach(r -> line(out, "reason", r));
        PluginPermissions sandbox = permissions;
        Optional<PermissionReport> perms = sandbox == null || p.bundleId() < 0 ? Optional.empty()
                : sandbox.report(p.bundleId());
        perms.ifPresent(r -> {
            line(out, "sandbox", sandbox.enforcement());
            r.declared().forEach(d -> line(out, "declared", d));
            r.granted().forEach(g -> line(out, "granted", g));
            for (Denial d : r.denials()) {
                line(out, "denied", d.permission() + " ×" + d.count() + " (last " + d.lastTime() + ")");
                line(out, "  fix", d.fix());
            }
        });
        PluginLimits current = limits;
        if (current != null && p.bundleId() >= 0) {
            current.usage(p.bundleId()).ifPresent(u -> line(out, "limits", format(u)));
        }
        return out.toString();
    }

    /** {@code plugin:health}: the aggregate, the runtime's own problems, and every plugin's health. */
    public String health() {
        HealthReport report = healthService.report();
        StringBuilder out = new StringBuilder("status: ").append(report.status()).append('\n');
        report.runtimeProblems().forEach(p -> out.append("runtime: ").append(p).append('\n'));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] { "PLUGIN", "HEALTH", "MESSAGE" });
        report.plugins().forEach((name, h) -> rows.add(new String[] { name, h.status().name(), h.message() }));
        return out.append(Tables.format(rows)).toString();
    }

    /** {@code plugin:scan FILE}: what the scanner says of a jar, with the container's policy. */
    public String scan(String file) {
        ArchiveInspector current = inspector;
        if (current == null) {
            return "No scanner is running: start bundle org.gcommon.plugin.security";
        }
        ArchiveVerdict verdict = current.inspect(Path.of(file));
        StringBuilder out = new StringBuilder(file).append(": ").append(verdict.accepted() ? "ACCEPT" : "REJECT").append('\n');
        verdict.reasons().forEach(r -> out.append("  reject: ").append(r).append('\n'));
        verdict.warnings().forEach(w -> out.append("  warn:   ").append(w).append('\n'));
        return out.toString();
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append(String.format("%-11s %s%n", key, value));
    }

    private static String format(Map<String, Object> usage) {
        StringBuilder sb = new StringBuilder();
        usage.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }
}
