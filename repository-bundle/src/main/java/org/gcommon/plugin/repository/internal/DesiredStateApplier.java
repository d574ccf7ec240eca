package org.gcommon.plugin.repository.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.gcommon.plugin.api.admin.AdminResult;
import org.gcommon.plugin.api.admin.AdminResult.Outcome;
import org.osgi.framework.BundleContext;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Brings the container to the desired-state file ({@code etc/plugins.desired}): once plugins may run
 * (the framework has reached the plugins' start level), then whenever the file changes. Listed plugins
 * missing are installed with what they need, listed plugins outside their range are moved into it,
 * and plugins the file installed before but no longer lists are uninstalled with their unused
 * dependencies. Plugins dropped into {@code deploy/} by hand are left alone.
 */
@Component(service = DesiredStateApplier.class, immediate = true)
public class DesiredStateApplier {

    static final String PLUGIN_START_LEVEL = "gcommon.plugin.startlevel";
    private static final long POLL_MILLIS = 1000;

    @Reference
    private PluginRepository repository;

    @Reference(service = LoggerFactory.class)
    private Logger log;

    private ScheduledExecutorService timer;
    private BundleContext context;
    private volatile String appliedStamp;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "gcommon-desired-state");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::applyWhenChanged, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    /**
     * Applies the file now, whether or not it changed.
     *
     * @return every change made
     * @throws RepositoryException when the file is malformed; nothing changed then
     */
    InstallReport applyNow() throws RepositoryException {
        Path file = file();
        if (!Files.exists(file)) {
            return new InstallReport(List.of(), List.of(), false);
        }
        DesiredState state = DesiredState.read(file);
        List<PlanStep> plan = new ArrayList<>();
        List<AdminResult> results = new ArrayList<>();
        for (Map.Entry<String, String> wanted : state.wanted().entrySet()) {
            try {
                InstallReport report = repository.converge(wanted.getKey(), wanted.getValue());
                plan.addAll(report.plan());
                results.addAll(report.results());
            } catch (RepositoryException e) {
                // one plugin that cannot be had does not keep the others from the state asked for
                results.add(new AdminResult(wanted.getKey(), "", null, Outcome.FAILED, List.of(e.getMessage() + "; " + e.fix())));
            }
        }
        // plugins the file installed before: only then are the indexes read (the shipped file lists nothing, and
        // reading every repository at each start would cost the boot bnd's classes and the parse for nothing)
        List<String> installedByFile = repository.ledgerEntries().entrySet().stream()
                .filter(e -> e.getValue().endsWith("," + InstallLedger.DESIRED))
                .filter(e -> !state.wanted().containsKey(e.getKey())).map(Map.Entry::getKey).toList();
        if (!installedByFile.isEmpty()) {
            // the file names plugins as the repositories list them; the ledger records symbolic names
            Set<String> wantedBundles = new HashSet<>(state.wanted().keySet());
            Catalog catalog = repository.catalog();
            for (String name : state.wanted().keySet()) {
                catalog.versions(name).forEach(e -> wantedBundles.add(e.symbolicName()));
            }
            for (String symbolicName : installedByFile) {
                if (wantedBundles.contains(symbolicName)) {
                    continue;
                }
                String name = repository.installed().bundle(symbolicName).map(repository::nameOf).orElse(null);
                if (name != null && !wantedBundles.contains(name)) {
                    results.addAll(repository.uninstall(name).results());
                }
            }
        }
        InstallReport report = new InstallReport(plan, results, false);
        for (AdminResult result : results) {
            if (result.outcome() != Outcome.UNCHANGED) {
                log.info("Desired state etc/{}: {} {} {} {}", repository.desiredFile(), result.name(), result.version(),
                        result.outcome(), result.messages());
            }
        }
        return report;
    }

    private void applyWhenChanged() {
        try {
            // without the management service every install would be refused: wait for it rather than record failures
            if (!pluginsMayRun() || !repository.canChange()) {
                return;
            }
            Path file = file();
            String stamp = stamp(file);
            if (Objects.equals(stamp, appliedStamp)) {
                return;
            }
            appliedStamp = stamp;
            if (stamp != null) {
                applyNow();
            }
        } catch (RepositoryException e) {
            log.error("{}; {}", e.getMessage(), e.fix());
        } catch (RuntimeException e) {
            log.error("Applying etc/{} failed: {}", repository.desiredFile(), e.toString(), e);
        }
    }

    private boolean pluginsMayRun() {
        FrameworkStartLevel level = context.getBundle(0).adapt(FrameworkStartLevel.class);
        String wanted = context.getProperty(PLUGIN_START_LEVEL);
        int pluginLevel;
        try {
            pluginLevel = wanted == null ? 1 : Integer.parseInt(wanted.strip());
        } catch (NumberFormatException e) {
            pluginLevel = 1;
        }
        return level == null || level.getStartLevel() >= pluginLevel;
    }

    private Path file() {
        return repository.home().resolve("etc").resolve(repository.desiredFile());
    }

    private static String stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.size() + "@" + attributes.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return null;
        }
    }
}
