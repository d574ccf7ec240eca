package org.gcommon.plugin.manager.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.gcommon.plugin.api.HealthService;
import org.gcommon.plugin.api.PluginConstants;
import org.gcommon.plugin.api.PluginInfo;
import org.gcommon.plugin.api.PluginRegistry;
import org.gcommon.plugin.api.PluginType;
import org.gcommon.plugin.api.admin.LastUpdate;
import org.gcommon.plugin.api.security.ArchiveInspector;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The {@code deploy/} folder: a jar dropped in is checked, installed and started; a replaced jar
 * updates its bundle, health-gated with roll back; a deleted jar uninstalls it. Refused archives are
 * kept as problems, listed by the registry under their file name. Management calls go through the
 * same path ({@link Deployments}). Off when the framework property {@code gcommon.home} is unset.
 */
@Component(service = { DeployReport.class, Deployments.class }, immediate = true, configurationPid = RuntimeConfig.PID)
public final class DeployFolder implements DeployReport, Deployments {

    static final String LOCATION_PREFIX = PluginConstants.PLUGIN_LOCATION_PREFIX + "deploy/";
    private static final Duration QUIET = Duration.ofMillis(40);

    private final Map<String, ArtifactProblem> problems = new ConcurrentHashMap<>();

    @Reference(service = LoggerFactory.class)
    private Logger log;

    /** Mandatory: without an inspector the deploy folder installs nothing (fail closed). */
    @Reference
    private ArchiveInspector inspector;

    private volatile PluginRegistry registry;
    private volatile HealthService health;
    private volatile EventJournal journal;
    private volatile AdminSettings settings = AdminSettings.DEFAULTS;

    /** Optional: tells whether the sandbox will raise the plugins' start level (see {@link SandboxSettling}). */
    @Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC,
            policyOption = org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY)
    private volatile org.gcommon.plugin.api.security.PluginPermissions sandbox;

    private FolderWatcher watcher;
    private BundleDeployer deployer;
    private UpdateHistory history;
    private Path folder;

    @Activate
    void activate(BundleContext context, RuntimeConfig config) throws IOException {
        modified(config);
        String home = context.getProperty(PluginConstants.PROP_HOME);
        if (home == null || home.isBlank()) {
            log.info("No {} framework property: the deploy folder is off", PluginConstants.PROP_HOME);
            return;
        }
        folder = Paths.get(home, "deploy").toAbsolutePath().normalize();
        Path data = context.getDataFile("").toPath();
        history = new UpdateHistory(data.resolve("update-history.properties"));
        BundleDeployer.Stores stores = new BundleDeployer.Stores(
                FingerprintStore.in(context.getDataFile("deploy-state.properties")), new KeptJars(data.resolve("kept")),
                new PendingUpdates(data.resolve("pending-updates")), history);
        deployer = new BundleDeployer(context, problems, log, stores, inspector,
                new UpdateGate(context, () -> registry, () -> health), () -> settings.updateHealthWindow(),
                () -> journal, this::nameOf);
        watcher = new FolderWatcher(folder, p -> p.getFileName().toString().endsWith(".jar"), QUIET, this::apply,
                log::error, "gcommon-deploy-watcher");
        Files.createDirectories(folder);
        AtomicFiles.removeLeftovers(folder); // staged uploads of a container that stopped before placing them
        // Here, before the plugins' start level is reached where possible: an update the container stopped
        // in the middle of is undone before the version that was being checked can start again.
        deployer.recover();
        Set<Path> present = watcher.list();
        // On the watcher's thread, not here: an update applied at start waits for the plugins' start level
        // and their health, which must not hold up the activation of the runtime's components.
        watcher.start(present, () -> {
            if (!SandboxSettling.await(context, () -> sandbox)) {
                log.warn("The plugins' start level was not reached within 30 s of start: installing the plugins of {} "
                        + "anyway", folder);
            }
            deployer.reconcile(folder, present);
        });
        log.info("Watching {} for plugin jars", folder);
    }

    @Modified
    void modified(RuntimeConfig config) {
        AdminSettings next = AdminSettings.of(config);
        next.problems().forEach(p -> log.error(p));
        settings = next;
    }

    @Deactivate
    void deactivate() {
        if (watcher != null) {
            watcher.close();
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setRegistry(PluginRegistry registry) {
        this.registry = registry;
    }

    void unsetRegistry(PluginRegistry registry) {
        if (this.registry == registry) {
            this.registry = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setHealth(HealthService health) {
        this.health = health;
    }

    void unsetHealth(HealthService health) {
        if (this.health == health) {
            this.health = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setJournal(EventJournal journal) {
        this.journal = journal;
    }

    void unsetJournal(EventJournal journal) {
        if (this.journal == journal) {
            this.journal = null;
        }
    }

    private void apply(FolderWatcher.Changes changes) {
        deployer.apply(new TreeSet<>(changes.changed()), new TreeSet<>(changes.removed()));
    }

    @Override
    public Collection<ArtifactProblem> problems() {
        return List.copyOf(problems.values());
    }

    @Override
    public Path folder() {
        return folder;
    }

    @Override
    public BundleDeployer.Applied place(Path staged, String fileName, boolean replace) throws IOException {
        return deployer.place(staged, folder.resolve(fileName), replace);
    }

    @Override
    public void remove(String fileName) throws IOException {
        deployer.remove(folder.resolve(fileName));
    }

    @Override
    public Optional<LastUpdate> lastUpdate(String location) {
        return history == null ? Optional.empty() : history.get(location);
    }

    @Override
    public Duration updateWindow() {
        return settings.updateHealthWindow();
    }

    /** @return the name a bundle is listed under: its first plugin's, else its symbolic name, else its file */
    private String nameOf(Bundle bundle) {
        PluginRegistry reg = registry;
        if (reg != null) {
            for (PluginInfo info : reg.plugins()) {
                if (info.bundleId() == bundle.getBundleId() && info.type() != PluginType.BUNDLE) {
                    return info.name();
                }
            }
        }
        return AdminEventLog.nameOf(bundle);
    }

    static String locationOf(Path jar) {
        return LOCATION_PREFIX + jar.getFileName();
    }

    /** @return the deploy-folder bundles installed now, by location */
    static Map<String, Bundle> installed(BundleContext context) {
        Map<String, Bundle> out = new java.util.HashMap<>();
        for (Bundle b : context.getBundles()) {
            if (b.getLocation().startsWith(LOCATION_PREFIX)) {
                out.put(b.getLocation(), b);
            }
        }
        return out;
    }
}
