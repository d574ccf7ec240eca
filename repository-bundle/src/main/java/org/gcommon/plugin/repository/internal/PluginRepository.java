package org.gcommon.plugin.repository.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import org.gcommon.plugin.api.PluginConstants;
import org.gcommon.plugin.api.PluginInfo;
import org.gcommon.plugin.api.PluginRegistry;
import org.gcommon.plugin.api.admin.AdminException;
import org.gcommon.plugin.api.admin.AdminResult;
import org.gcommon.plugin.api.admin.AdminResult.Outcome;
import org.gcommon.plugin.api.admin.PluginAdmin;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.resource.Resource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.resolver.Resolver;

/**
 * Plugins by name from the configured repositories: search, versions, and install, upgrade and
 * uninstall with what they need. Every change is planned by the OSGi resolver against the running
 * bundles, every jar is checked against its index's SHA-256 before the first one is installed, and the
 * jars go to the runtime's management service, so they are scanned, sandboxed, kept in {@code deploy/}
 * and survive restarts. One change at a time.
 */
@Component(service = PluginRepository.class, configurationPid = RepositoryConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RepositoryConfig.class)
public class PluginRepository {

    @Reference
    private Resolver resolver;

    @Reference
    private PluginRegistry registry;

    /**
     * Optional so that search and plans keep working while the manager restarts; every change needs it
     * and is refused (503) without it: installing around it would skip the health gate.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PluginAdmin admin;

    @Reference(service = LoggerFactory.class)
    private Logger log;

    private final ReentrantLock changes = new ReentrantLock();
    private BundleContext context;
    private volatile Settings settings;

    /** The configuration in force, with what it derives. */
    private record Settings(List<RepositoryLocation> locations, List<String> problems, Path home, Path dist,
            SourceStreams streams, long maxBytes, String desiredFile) {
    }

    @Activate
    @Modified
    void configure(BundleContext context, RepositoryConfig config) {
        this.context = context;
        String homeProperty = context.getProperty(PluginConstants.PROP_HOME);
        Path home = homeProperty == null || homeProperty.isBlank() ? Path.of("").toAbsolutePath() : Path.of(homeProperty);
        Path dist = distributionFolder(context.getBundle()).orElse(home);
        List<String> problems = new ArrayList<>();
        List<RepositoryLocation> locations = new ArrayList<>();
        try {
            locations.addAll(RepositoryLocation.parse(config.repositories(), dist));
        } catch (RepositoryException e) {
            problems.add(e.getMessage() + "; " + e.fix());
            log.error("{}; {}", e.getMessage(), e.fix());
        }
        settings = new Settings(locations, problems, home, dist, new SourceStreams(Duration.ofMillis(
                Math.max(1, config.network_timeout_ms()))), config.download_max_bytes(), config.desired_file());
        log.info("Plugin repositories: {}", locations.stream().map(l -> l.index().toString()).toList());
    }

    /** Runtime bundles are installed from {@code <distribution>/system/<jar>}: the distribution is two levels up. */
    private static Optional<Path> distributionFolder(Bundle bundle) {
        String location = bundle.getLocation();
        if (location.startsWith("file:")) {
            try {
                Path jar = location.startsWith("file:/") && location.contains("%") ? Path.of(URI.create(location))
                        : Path.of(location.substring("file:".length()));
                Path system = jar.toAbsolutePath().getParent();
                if (system != null && system.getParent() != null) {
                    return Optional.of(system.getParent());
                }
            } catch (RuntimeException e) {
                // not a plain path: relative repositories then resolve against the home
            }
        }
        return Optional.empty();
    }

    /** @return the container's home */
    Path home() {
        return settings.home();
    }

    /** @return the desired-state file's name in {@code etc/} */
    String desiredFile() {
        return settings.desiredFile();
    }

    /** @return whether the runtime's management service is there to install, update and uninstall */
    boolean canChange() {
        return admin != null;
    }

    /** @return the configured repositories and the problems reading their configuration */
    List<RepositoryLocation> locations() {
        return settings.locations();
    }

    /**
     * Reads every configured repository now: indexes are small, and reading them at each call means a
     * republished index is seen at once, without a cache to invalidate.
     *
     * @return the catalog; repositories that cannot be read are listed in its problems
     */
    Catalog catalog() {
        Settings current = settings;
        IndexReader reader = new IndexReader(current.streams());
        List<CatalogEntry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>(current.problems());
        for (RepositoryLocation location : current.locations()) {
            try {
                for (Resource resource : reader.read(location)) {
                    CatalogEntry entry = CatalogEntry.of(resource, location.configured());
                    if (entry != null) {
                        entries.add(entry);
                    }
                }
            } catch (RepositoryException e) {
                problems.add(e.getMessage());
                log.warn("{}; {}", e.getMessage(), e.fix());
            }
        }
        return new Catalog(entries, problems);
    }

    /** @return the running bundles now */
    InstalledBundles installed() {
        return InstalledBundles.of(context);
    }

    /** @return the gcommon API this container provides */
    ApiCompatibility compatibility() {
        return new ApiCompatibility(installed().apiPackages());
    }

    /**
     * Installs a plugin by name with what it needs.
     *
     * @param name    a plugin name or symbolic name
     * @param range   an OSGi version or range, or blank for the newest compatible version
     * @param dryRun  only plan
     * @param desired whether the desired-state file asks for it
     * @return the plan and each bundle's outcome
     * @throws RepositoryException when it cannot be installed; nothing changed then
     */
    InstallReport install(String name, String range, boolean dryRun, boolean desired) throws RepositoryException {
        PluginNames.check(name);
        VersionRange versions = PluginNames.range(range);
        changes.lock();
        try {
            Catalog catalog = catalog();
            InstalledBundles installed = installed();
            List<CatalogEntry> offered = offered(catalog, name);
            Optional<Bundle> running = installed.bundle(offered.get(0).symbolicName());
            if (running.isPresent()) {
                Bundle bundle = running.get();
                if (!dryRun && desired) {
                    ledger().put(bundle.getSymbolicName(), InstallLedger.REQUESTED + "," + InstallLedger.DESIRED);
                }
                return new InstallReport(List.of(), List.of(new AdminResult(nameOf(bundle), bundle.getVersion().toString(),
                        stateOf(bundle), Outcome.UNCHANGED, List.of(name + " " + bundle.getVersion()
                                + " is installed already; POST /api/repository/upgrade moves it to the newest compatible version"))),
                        dryRun);
            }
            CatalogEntry chosen = choose(offered, versions, range, installed);
            InstallPlan plan = new InstallPlanner(resolver).plan(chosen, catalog, installed, Set.of());
            log.info("Install plan for {} (resolved in {} ms): {}", chosen.label(), plan.resolveMillis(),
                    plan.steps().stream().map(s -> s.entry().label() + " from " + s.entry().source()).toList());
            if (dryRun) {
                return new InstallReport(plan.steps(), List.of(), true);
            }
            return execute(plan, desired, null);
        } catch (IOException e) {
            throw unwritableLedger(e);
        } finally {
            changes.unlock();
        }
    }

    /**
     * Brings one plugin of the desired-state file to a version in its range: installs it when missing,
     * moves it when the running version is outside the range, and records that the file wants it.
     *
     * @param name  the plugin
     * @param range the wanted versions, blank for any (then a running version is kept)
     * @return what changed
     * @throws RepositoryException when it cannot be had
     */
    InstallReport converge(String name, String range) throws RepositoryException {
        PluginNames.check(name);
        VersionRange versions = PluginNames.range(range);
        changes.lock();
        try {
            InstalledBundles installed = installed();
            Optional<Bundle> running = runningBundle(name, installed);
            if (running.isEmpty()) {
                return install(name, range, false, true);
            }
            Bundle bundle = running.get();
            ledger().put(bundle.getSymbolicName(), InstallLedger.REQUESTED + "," + InstallLedger.DESIRED);
            if (versions == null || versions.includes(bundle.getVersion())) {
                return new InstallReport(List.of(), List.of(new AdminResult(nameOf(bundle), bundle.getVersion().toString(),
                        stateOf(bundle), Outcome.UNCHANGED, List.of())), false);
            }
            Catalog catalog = catalog();
            CatalogEntry chosen = choose(offered(catalog, bundle.getSymbolicName()), versions, range, installed);
            InstallPlan plan = new InstallPlanner(resolver).plan(chosen, catalog, installed, Set.of(bundle.getSymbolicName()));
            return execute(plan, true, nameOf(bundle));
        } catch (IOException e) {
            throw unwritableLedger(e);
        } finally {
            changes.unlock();
        }
    }

    /**
     * Upgrades an installed plugin to the newest version its repositories offer that runs on this
     * container's gcommon API, bringing in what the new version needs; the runtime's health gate rolls
     * it back when the new version does not become HEALTHY.
     *
     * @param name   the plugin's name
     * @param dryRun only plan
     * @return the plan and the outcome (UPDATED, ROLLED_BACK, or UNCHANGED when it is the newest already)
     * @throws RepositoryException when it is not installed or not in any repository
     */
    InstallReport upgrade(String name, boolean dryRun) throws RepositoryException {
        PluginNames.check(name);
        changes.lock();
        try {
            Catalog catalog = catalog();
            InstalledBundles installed = installed();
            Bundle bundle = runningBundle(name, installed).orElseThrow(() -> new RepositoryException(
                    RepositoryException.Problem.NOT_FOUND, "no plugin named '" + name + "' is installed",
                    "GET /api/plugins lists the installed plugins; POST /api/repository/install installs one"));
            List<CatalogEntry> offered = offered(catalog, bundle.getSymbolicName());
            ApiCompatibility compatibility = new ApiCompatibility(installed.apiPackages());
            List<String> skipped = new ArrayList<>();
            for (CatalogEntry candidate : offered) {
                if (candidate.version().compareTo(bundle.getVersion()) <= 0) {
                    break;
                }
                Optional<String> incompatible = compatibility.incompatibility(candidate);
                if (incompatible.isPresent()) {
                    skipped.add(incompatible.get());
                    continue;
                }
                InstallPlan plan = new InstallPlanner(resolver).plan(candidate, catalog, installed,
                        Set.of(bundle.getSymbolicName()));
                if (dryRun) {
                    return new InstallReport(plan.steps(), List.of(), true);
                }
                return execute(plan, false, nameOf(bundle));
            }
            List<String> messages = new ArrayList<>();
            messages.add(name + " " + bundle.getVersion() + " is the newest version compatible with this container");
            messages.addAll(skipped);
            return new InstallReport(List.of(), List.of(new AdminResult(nameOf(bundle), bundle.getVersion().toString(),
                    stateOf(bundle), Outcome.UNCHANGED, messages)), dryRun);
        } finally {
            changes.unlock();
        }
    }

    /**
     * Uninstalls a plugin, then the dependencies the repository brought in for it that nothing else
     * uses any more.
     *
     * @param name the plugin's name
     * @return each removal's outcome, the plugin first
     * @throws RepositoryException when no such plugin is installed
     */
    InstallReport uninstall(String name) throws RepositoryException {
        PluginNames.check(name);
        changes.lock();
        try {
            InstalledBundles installed = installed();
            Bundle root = runningBundle(name, installed).orElseThrow(() -> new RepositoryException(
                    RepositoryException.Problem.NOT_FOUND, "no plugin named '" + name + "' is installed",
                    "GET /api/plugins lists the installed plugins"));
            Map<String, String> ledger = ledger().entries();
            List<Bundle> removing = new ArrayList<>();
            removing.add(root);
            boolean grew = true;
            while (grew) {
                grew = false;
                for (Map.Entry<String, String> entry : ledger.entrySet()) {
                    if (!entry.getValue().equals(InstallLedger.DEPENDENCY)) {
                        continue;
                    }
                    Optional<Bundle> dependency = installed.bundle(entry.getKey());
                    if (dependency.isPresent() && !removing.contains(dependency.get())
                            && usedOnlyBy(dependency.get(), removing) && usedByAny(dependency.get(), removing)) {
                        removing.add(dependency.get());
                        grew = true;
                    }
                }
            }
            List<AdminResult> results = new ArrayList<>();
            PluginInstaller installer = installer();
            for (Bundle bundle : removing) {
                String pluginName = nameOf(bundle);
                try {
                    results.add(installer.uninstall(pluginName));
                    ledger().remove(bundle.getSymbolicName());
                } catch (AdminException e) {
                    results.add(new AdminResult(pluginName, bundle.getVersion().toString(), stateOf(bundle), Outcome.FAILED,
                            List.of(e.getMessage())));
                    break;
                }
            }
            return new InstallReport(List.of(), results, false);
        } catch (IOException e) {
            throw unwritableLedger(e);
        } finally {
            changes.unlock();
        }
    }

    /** @return the plugins the repository installed, by symbolic name, with how */
    Map<String, String> ledgerEntries() {
        return ledger().entries();
    }

    /** @return the running bundle's registry name (the plugin's name, else its symbolic name) */
    String nameOf(Bundle bundle) {
        for (PluginInfo info : registry.plugins()) {
            if (info.bundleId() == bundle.getBundleId()) {
                return info.name();
            }
        }
        return bundle.getSymbolicName();
    }

    /** @return a running bundle by plugin name or symbolic name */
    Optional<Bundle> runningBundle(String name, InstalledBundles installed) {
        Optional<PluginInfo> info = registry.plugin(name);
        if (info.isPresent() && info.get().bundleId() >= 0) {
            Bundle bundle = context.getBundle(info.get().bundleId());
            if (bundle != null) {
                return Optional.of(bundle);
            }
        }
        Optional<Bundle> bySymbolicName = installed.bundle(name);
        if (bySymbolicName.isPresent()) {
            return bySymbolicName;
        }
        // a bundle that is no plugin is listed under its symbolic name; its repository name maps to it
        for (CatalogEntry entry : catalog().versions(name)) {
            Optional<Bundle> offered = installed.bundle(entry.symbolicName());
            if (offered.isPresent()) {
                return offered;
            }
        }
        return Optional.empty();
    }

    private InstallReport execute(InstallPlan plan, boolean desired, String upgrading) throws RepositoryException {
        Settings current = settings;
        ArtifactFetcher fetcher = new ArtifactFetcher(current.streams(), current.home().resolve("data/repository/downloads"),
                current.maxBytes());
        PluginInstaller installer = installer();
        Map<PlanStep, Path> jars = new LinkedHashMap<>();
        try {
            // every jar fetched and verified before the first is installed: a bad one changes nothing
            for (PlanStep step : plan.steps()) {
                jars.put(step, fetcher.fetch(step.entry()));
            }
            List<AdminResult> results = new ArrayList<>();
            List<String> installedNow = new ArrayList<>();
            for (Map.Entry<PlanStep, Path> jar : jars.entrySet()) {
                PlanStep step = jar.getKey();
                AdminResult result;
                try {
                    result = step.requested() && upgrading != null ? installer.update(upgrading, jar.getValue())
                            : installer.install(step.entry().fileName(), jar.getValue());
                } catch (AdminException e) {
                    result = new AdminResult(step.entry().name(), step.entry().version().toString(), null, Outcome.FAILED,
                            List.of(e.getMessage()));
                }
                results.add(result);
                if (result.outcome() == Outcome.INSTALLED || result.outcome() == Outcome.UPDATED
                        || result.outcome() == Outcome.FAILED && result.state() != null) {
                    ledger().put(step.entry().symbolicName(), step.requested()
                            ? InstallLedger.REQUESTED + (desired ? "," + InstallLedger.DESIRED : "")
                            : InstallLedger.DEPENDENCY);
                    installedNow.add(result.name());
                }
                if (!result.outcome().succeeded()) {
                    log.warn("Installing {} from the repository stopped at {}: {} {}", plan.requested().label(),
                            step.entry().label(), result.outcome(), result.messages());
                    break;
                }
            }
            return new InstallReport(plan.steps(), results, false);
        } catch (IOException e) {
            throw unwritableLedger(e);
        } finally {
            jars.values().forEach(ArtifactFetcher::deleteQuietly);
        }
    }

    /** @return the runtime's management service, through which every jar is scanned, sandboxed and health-gated */
    private PluginInstaller installer() throws RepositoryException {
        PluginAdmin current = admin;
        if (current == null) {
            throw new RepositoryException(RepositoryException.Problem.RUNTIME_MISSING,
                    "the runtime's management service (PluginAdmin, bundle org.gcommon.plugin.manager) is not running: "
                            + "nothing was installed, updated or removed",
                    "check GET /health and log/gcommon.log, and that org.gcommon.plugin.manager is ACTIVE; then try again");
        }
        return new AdminInstaller(current);
    }

    private InstallLedger ledger() {
        return new InstallLedger(settings.home().resolve("data/repository/installed.properties"));
    }

    private static List<CatalogEntry> offered(Catalog catalog, String name) throws RepositoryException {
        List<CatalogEntry> offered = catalog.versions(name);
        if (offered.isEmpty()) {
            throw new RepositoryException(RepositoryException.Problem.NOT_FOUND,
                    "no configured repository offers a plugin named '" + name + "'"
                            + (catalog.problems().isEmpty() ? "" : " (unreadable: " + String.join("; ", catalog.problems()) + ")"),
                    "GET /api/repository/plugins?q=" + name + " searches them; etc/" + RepositoryConfig.PID
                            + ".cfg lists the repositories");
        }
        return offered;
    }

    private static CatalogEntry choose(List<CatalogEntry> offered, VersionRange range, String rangeText,
            InstalledBundles installed) throws RepositoryException {
        ApiCompatibility compatibility = new ApiCompatibility(installed.apiPackages());
        List<CatalogEntry> inRange = offered.stream().filter(e -> range == null || range.includes(e.version())).toList();
        if (inRange.isEmpty()) {
            throw new RepositoryException(RepositoryException.Problem.NOT_FOUND,
                    "no version of " + offered.get(0).name() + " in " + rangeText + " is offered; the repositories have "
                            + offered.stream().map(e -> e.version().toString()).toList(),
                    "ask for one of those versions, or leave the version out for the newest compatible one");
        }
        for (CatalogEntry entry : inRange) {
            if (compatibility.incompatibility(entry).isEmpty()) {
                return entry;
            }
        }
        throw InstallPlanner.incompatible(compatibility.incompatibility(inRange.get(0)).orElseThrow()
                + (inRange.size() > 1 ? " (and so are its other " + (inRange.size() - 1) + " offered versions)" : ""));
    }

    /** @return whether every bundle wired to this one is among those being removed */
    private static boolean usedOnlyBy(Bundle dependency, List<Bundle> removing) {
        BundleWiring wiring = dependency.adapt(BundleWiring.class);
        if (wiring == null) {
            return true;
        }
        for (BundleWire wire : wiring.getProvidedWires(null)) {
            Bundle requirer = wire.getRequirerWiring().getBundle();
            if (requirer.getBundleId() != dependency.getBundleId() && !removing.contains(requirer)) {
                return false;
            }
        }
        return true;
    }

    /** @return whether a bundle being removed is wired to this one: only then was it its dependency */
    private static boolean usedByAny(Bundle dependency, List<Bundle> removing) {
        BundleWiring wiring = dependency.adapt(BundleWiring.class);
        if (wiring == null) {
            return false;
        }
        Set<Long> ids = new HashSet<>();
        removing.forEach(b -> ids.add(b.getBundleId()));
        return wiring.getProvidedWires(null).stream()
                .anyMatch(w -> ids.contains(w.getRequirerWiring().getBundle().getBundleId()));
    }

    private org.gcommon.plugin.api.PluginState stateOf(Bundle bundle) {
        for (PluginInfo info : registry.plugins()) {
            if (info.bundleId() == bundle.getBundleId()) {
                return info.state();
            }
        }
        return null;
    }

    private static RepositoryException unwritableLedger(IOException e) {
        return new RepositoryException(RepositoryException.Problem.UNAVAILABLE,
                "cannot record the install in data/repository/installed.properties: " + e.getMessage(),
                "check the permissions of the container's data/ folder", e);
    }

    static Version parse(String version) {
        return Version.parseVersion(version);
    }
}
