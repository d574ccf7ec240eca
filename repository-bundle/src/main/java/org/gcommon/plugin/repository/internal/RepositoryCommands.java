package org.gcommon.plugin.repository.internal;

import java.util.List;

import org.gcommon.plugin.api.admin.AdminResult;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The Gogo shell's repository commands: {@code repo:search [TEXT]}, {@code repo:show NAME},
 * {@code repo:install NAME [VERSION-RANGE]}, {@code repo:plan NAME [VERSION-RANGE]},
 * {@code repo:upgrade NAME}, {@code repo:remove NAME}, {@code repo:apply}. They do what the HTTP API
 * does and print it as text; a refusal prints its reason and fix.
 */
@Component(service = RepositoryCommands.class, property = { "osgi.command.scope=repo",
        "osgi.command.function=search", "osgi.command.function=show", "osgi.command.function=install",
        "osgi.command.function=plan", "osgi.command.function=upgrade", "osgi.command.function=remove",
        "osgi.command.function=apply" })
public class RepositoryCommands {

    @Reference
    private PluginRepository repository;

    @Reference
    private DesiredStateApplier desired;

    /** {@code repo:search}: every plugin the repositories offer. */
    public String search() {
        return search("");
    }

    /** {@code repo:search TEXT}: plugins whose name, symbolic name or description contains TEXT. */
    public String search(String text) {
        Catalog catalog = repository.catalog();
        StringBuilder out = new StringBuilder(String.format("%-20s %-16s %-12s %s%n", "NAME", "VERSION", "TYPE", "DESCRIPTION"));
        for (List<CatalogEntry> versions : catalog.search(text, null, null)) {
            CatalogEntry e = versions.get(0);
            out.append(String.format("%-20s %-16s %-12s %s%n", e.name(), e.version(), e.type(), e.description()));
        }
        catalog.problems().forEach(p -> out.append("! ").append(p).append('\n'));
        return out.toString();
    }

    /** {@code repo:show NAME}: a plugin's versions, whether each runs here, and where it comes from. */
    public String show(String name) {
        Catalog catalog = repository.catalog();
        List<CatalogEntry> versions = catalog.versions(name);
        if (versions.isEmpty()) {
            return "no configured repository offers a plugin named '" + name + "'\n";
        }
        ApiCompatibility compatibility = repository.compatibility();
        StringBuilder out = new StringBuilder();
        for (CatalogEntry e : versions) {
            out.append(e.label()).append("  ").append(e.type()).append("  ").append(e.source()).append("\n  sha256 ")
                    .append(e.sha256()).append('\n');
            compatibility.incompatibility(e).ifPresent(why -> out.append("  cannot run here: ").append(why).append('\n'));
        }
        return out.toString();
    }

    /** {@code repo:install NAME}: installs the newest compatible version with what it needs. */
    public String install(String name) {
        return install(name, "");
    }

    /** {@code repo:install NAME RANGE}: installs the newest compatible version in RANGE. */
    public String install(String name, String range) {
        try {
            return describe(repository.install(name, range, false, false));
        } catch (RepositoryException e) {
            return refusal(e);
        }
    }

    /** {@code repo:plan NAME}: what {@code repo:install NAME} would install, changing nothing. */
    public String plan(String name) {
        return plan(name, "");
    }

    /** {@code repo:plan NAME RANGE}: as {@link #plan(String)} for a version range. */
    public String plan(String name, String range) {
        try {
            return describe(repository.install(name, range, true, false));
        } catch (RepositoryException e) {
            return refusal(e);
        }
    }

    /** {@code repo:upgrade NAME}: moves a plugin to the newest compatible version. */
    public String upgrade(String name) {
        try {
            return describe(repository.upgrade(name, false));
        } catch (RepositoryException e) {
            return refusal(e);
        }
    }

    /** {@code repo:remove NAME}: uninstalls a plugin and the dependencies nothing else uses. */
    public String remove(String name) {
        try {
            return describe(repository.uninstall(name));
        } catch (RepositoryException e) {
            return refusal(e);
        }
    }

    /** {@code repo:apply}: applies the desired-state file now. */
    public String apply() {
        try {
            return describe(desired.applyNow());
        } catch (RepositoryException e) {
            return refusal(e);
        }
    }

    private static String describe(InstallReport report) {
        StringBuilder out = new StringBuilder();
        if (!report.plan().isEmpty()) {
            out.append(report.dryRun() ? "Would install:\n" : "Plan:\n");
            for (PlanStep step : report.plan()) {
                out.append("  ").append(step.entry().label()).append(" (").append(step.reason()).append(") from ")
                        .append(step.entry().source()).append('\n');
            }
        }
        for (AdminResult result : report.results()) {
            out.append(result.name()).append(' ').append(result.version()).append(": ").append(result.outcome());
            if (result.state() != null) {
                out.append(", ").append(result.state());
            }
            out.append('\n');
            result.messages().forEach(m -> out.append("  ").append(m).append('\n'));
        }
        return out.length() == 0 ? "nothing to do\n" : out.toString();
    }

    private static String refusal(RepositoryException e) {
        return "refused: " + e.getMessage() + "\nfix: " + e.fix() + "\n";
    }
}
