package org.gcommon.plugin.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gcommon.plugin.api.HealthReport;
import org.gcommon.plugin.api.HealthService;
import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.PluginInfo;
import org.gcommon.plugin.api.PluginRegistry;
import org.gcommon.plugin.api.admin.AdminEvent;
import org.gcommon.plugin.api.admin.AdminException;
import org.gcommon.plugin.api.admin.AdminResult;
import org.gcommon.plugin.api.admin.PluginAdmin;
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
 * The Gogo shell's plugin commands: {@code plugin:list}, {@code plugin:info NAME},
 * {@code plugin:health}, {@code plugin:scan FILE}, {@code plugin:events}, and the changes
 * {@code plugin:install FILE|SOURCE}, {@code plugin:update NAME FILE|SOURCE}, {@code plugin:start NAME},
 * {@code plugin:stop NAME}, {@code plugin:uninstall NAME}, {@code plugin:grant NAME [PERMISSION…]},
 * {@code plugin:limits NAME [LIMIT=N…]}, {@code plugin:config NAME [KEY=VALUE…]}. They answer what the HTTP
 * API answers, as tables. The shell is the operator's own console on the container's terminal: it
 * needs no admin token.
 */
@Component(service = PluginCommands.class, property = { "osgi.command.scope=plugin",
        "osgi.command.function=list", "osgi.command.function=info", "osgi.command.function=health",
        "osgi.command.function=scan", "osgi.command.function=install", "osgi.command.function=update",
        "osgi.command.function=start", "osgi.command.function=stop", "osgi.command.function=uninstall",
        "osgi.command.function=grant", "osgi.command.function=limits", "osgi.command.function=config",
        "osgi.command.function=events" })
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

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PluginAdmin admin;

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

    /** {@code plugin:install FILE.jar|mvn:G/A/V|URL}: installs and starts a plugin. */
    public String install(String what) {
        return change(a -> fileOrSource(what, in -> a.install(Path.of(what).getFileName().toString(), in),
                () -> what.contains(":") ? a.install(what)
                        : "No file " + what + ": give a plugin jar's path, mvn:group/artifact/version, or a URL"));
    }

    /** {@code plugin:update NAME FILE.jar|mvn:G/A/V|URL}: health-gated update, rolled back on failure. */
    public String update(String name, String what) {
        return change(a -> fileOrSource(what, in -> a.update(name, in), () -> a.update(name, what)));
    }

    /** A local jar (a path with no ':' that names a file) is read and handed over; anything else is a source. */
    private static Object fileOrSource(String what, JarCall jar, SourceCall source) throws AdminException {
        Path file = Path.of(what);
        if (what.contains(":") || !Files.isRegularFile(file)) {
            return source.run();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return jar.run(in);
        } catch (IOException e) {
            return "Cannot read " + what + ": " + e.getMessage();
        }
    }

    @FunctionalInterface
    private interface JarCall {
        Object run(InputStream jar) throws AdminException;
    }

    @FunctionalInterface
    private interface SourceCall {
        Object run() throws AdminException;
    }

    /** {@code plugin:start NAME}. */
    public String start(String name) {
        return change(a -> a.start(name));
    }

    /** {@code plugin:stop NAME}. */
    public String stop(String name) {
        return change(a -> a.stop(name));
    }

    /** {@code plugin:uninstall NAME}: uninstalls it and removes its jar from deploy/. */
    public String uninstall(String name) {
        return change(a -> a.uninstall(name));
    }

    /** {@code plugin:grant NAME [PERMISSION …]}: shows, or replaces, the permissions granted to a plugin. */
    public String grant(String name, String... permissions) {
        return change(a -> {
            if (permissions.length > 0) {
                a.grant(name, List.of(permissions));
            }
            List<String> granted = a.grants(name);
            return granted.isEmpty() ? "(no permissions granted to " + name + ")" : String.join("\n", granted);
        });
    }

    /** {@code plugin:limits NAME [LIMIT=N …]}: shows, or replaces, a plugin's own limits. */
    public String limits(String name, String... limits) {
        return change(a -> {
            if (limits.length > 0) {
                Map<String, Long> values = new LinkedHashMap<>();
                for (String pair : limits) {
                    int eq = pair.indexOf('=');
                    try {
                        values.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
                    } catch (RuntimeException e) {
                        return "'" + pair + "' is not LIMIT=N: write e.g. threads.max=16";
                    }
                }
                a.setLimits(name, values);
            }
            return keyValues(a.limits(name));
        });
    }

    /** {@code plugin:config NAME [KEY=VALUE …]}: shows a plugin's configuration, or sets those keys. */
    public String config(String name, String... pairs) {
        return change(a -> {
            if (pairs.length > 0) {
                Map<String, Object> config = new LinkedHashMap<>(a.configuration(name));
                for (String pair : pairs) {
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        return "'" + pair + "' is not KEY=VALUE: write e.g. maxEntries=1000";
                    }
                    config.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
                a.configure(name, config);
            }
            return keyValues(a.configuration(name));
        });
    }

    /** {@code plugin:events}: the most recent management and lifecycle events, newest first. */
    public String events() {
        return change(a -> {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] { "TIME", "PLUGIN", "EVENT", "MESSAGE" });
            for (AdminEvent e : a.recentEvents(50)) {
                rows.add(new String[] { e.time().toString(), e.plugin(), e.kind(), e.message() });
            }
            return Tables.format(rows);
        });
    }

    private String change(AdminCall call) {
        PluginAdmin current = admin;
        if (current == null) {
            return "The plugin manager's management service is not running: start bundle org.gcommon.plugin.manager";
        }
        try {
            Object result = call.run(current);
            if (result instanceof AdminResult r) {
                StringBuilder out = new StringBuilder(r.name()).append(' ').append(r.version()).append(": ")
                        .append(r.outcome()).append(" (state ").append(r.state()).append(")\n");
                r.messages().forEach(m -> out.append("  ").append(m).append('\n'));
                return out.toString();
            }
            return String.valueOf(result);
        } catch (AdminException e) {
            return e.getMessage();
        }
    }

    @FunctionalInterface
    private interface AdminCall {
        Object run(PluginAdmin admin) throws AdminException;
    }

    private static String keyValues(Map<String, ?> values) {
        if (values.isEmpty()) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder();
        values.forEach((k, v) -> out.append(k).append(" = ").append(v).append('\n'));
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
