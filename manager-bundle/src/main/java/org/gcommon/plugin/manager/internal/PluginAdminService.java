package org.gcommon.plugin.manager.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadPoolExecutor;

import org.gcommon.plugin.api.HealthService;
import org.gcommon.plugin.api.PluginConstants;
import org.gcommon.plugin.api.PluginInfo;
import org.gcommon.plugin.api.PluginNames;
import org.gcommon.plugin.api.PluginRegistry;
import org.gcommon.plugin.api.PluginState;
import org.gcommon.plugin.api.PluginType;
import org.gcommon.plugin.api.admin.AdminEvent;
import org.gcommon.plugin.api.admin.AdminException;
import org.gcommon.plugin.api.admin.AdminException.Problem;
import org.gcommon.plugin.api.admin.AdminResult;
import org.gcommon.plugin.api.admin.AdminResult.Outcome;
import org.gcommon.plugin.api.admin.LastUpdate;
import org.gcommon.plugin.api.admin.PluginAdmin;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
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
import org.osgi.service.url.URLStreamHandlerService;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The operator's side of the runtime: installs, updates, starts, stops and uninstalls plugins, and
 * edits their configuration, grants and limits in {@code etc/}. Jars go through {@code deploy/} and
 * the deploy folder's own path (scanner first, duplicates refused, updates health-gated), so a jar
 * installed here survives a restart exactly like one dropped by hand. The sandbox denies this service
 * to plugins.
 */
@Component(service = PluginAdmin.class, configurationPid = RuntimeConfig.PID)
public final class PluginAdminService implements PluginAdmin {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Reference
    private Deployments deployments;

    @Reference
    private PluginRegistry registry;

    @Reference
    private HealthService health;

    @Reference
    private EventJournal journal;

    @Reference(service = LoggerFactory.class)
    private Logger log;

    private volatile URLStreamHandlerService mavenHandler;
    private volatile AdminSettings settings = AdminSettings.DEFAULTS;
    private final ThreadPoolExecutor fetchers = DaemonThreads.elasticPool("gcommon-fetch-");
    /** One etc/ edit at a time: each reads, changes and rewrites a whole file. */
    private final Object etcEdits = new Object();
    private BundleContext context;
    private UpdateGate gate;
    private JarSources sources;

    @Activate
    void activate(BundleContext context, RuntimeConfig config) {
        this.context = context;
        this.settings = AdminSettings.of(config);
        this.gate = new UpdateGate(context, () -> registry, () -> health);
        this.sources = new JarSources(() -> mavenHandler, fetchers);
    }

    @Modified
    void modified(RuntimeConfig config) {
        this.settings = AdminSettings.of(config);
    }

    @Deactivate
    void deactivate() {
        fetchers.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(url.handler.protocol=mvn)")
    void setMavenHandler(URLStreamHandlerService handler) {
        this.mavenHandler = handler;
    }

    void unsetMavenHandler(URLStreamHandlerService handler) {
        if (this.mavenHandler == handler) {
            this.mavenHandler = null;
        }
    }

    // --- jars ------------------------------------------------------------------------------------

    @Override
    public AdminResult install(String fileName, InputStream jar) throws AdminException {
        Objects.requireNonNull(jar, "jar");
        Path folder = folder();
        JarFileNames.requireJarName(fileName);
        requireFree(folder, fileName);
        Path staged = stage(folder, fileName, in -> JarSources.copy(jar, in, settings.downloadMaxBytes(),
                "The upload " + fileName));
        return install(folder, staged, fileName);
    }

    @Override
    public AdminResult install(String source) throws AdminException {
        Path folder = folder();
        Path staged = AtomicFiles.tempSibling(folder.resolve("download.jar"));
        String fileName;
        try {
            fileName = sources.fetch(source, staged, settings.downloadMaxBytes(), settings.downloadTimeout()).fileName();
            requireFree(folder, fileName);
        } catch (AdminException e) {
            deleteQuietly(staged);
            throw e;
        }
        return install(folder, staged, fileName);
    }

    private AdminResult install(Path folder, Path staged, String fileName) throws AdminException {
        Instant since = Instant.now();
        BundleDeployer.Applied applied;
        try {
            applied = deployments.place(staged, fileName, false);
        } catch (FileAlreadyExistsException e) {
            throw taken(fileName);
        } catch (IOException e) {
            throw new AdminException(Problem.STORAGE, "Could not store deploy/" + fileName + ": "
                    + TimedCalls.describe(e) + "; check the free space and permissions of " + folder, e);
        } finally {
            deleteQuietly(staged);
        }
        if (applied != null && applied.outcome() == Outcome.REJECTED) {
            // Refused input changes nothing: the jar the call placed leaves deploy/ again (a jar dropped there by
            // hand stays listed as REJECTED, since the operator put it there; this one nobody did).
            try {
                deployments.remove(fileName);
            } catch (IOException e) {
                throw new AdminException(Problem.STORAGE, "Refused deploy/" + fileName + " (" + String.join("; ",
                        applied.messages()) + ") but could not remove it again: " + TimedCalls.describe(e)
                        + "; delete it from " + folder, e);
            }
        }
        if (applied == null || applied.outcome() != Outcome.INSTALLED) {
            return refused(fileName, applied);
        }
        Bundle bundle = context.getBundle(applied.bundleId());
        UpdateGate.Verdict verdict = bundle == null ? UpdateGate.Verdict.pass()
                : gate.await(bundle, since, deployments.updateWindow(), false);
        AdminResult now = resultFor(bundle, fileName, Outcome.INSTALLED, List.of());
        boolean failed = now.state() == PluginState.FAILED || now.state() == PluginState.QUARANTINED;
        return new AdminResult(now.name(), now.version(), now.state(), failed ? Outcome.FAILED : Outcome.INSTALLED,
                verdict.passed() ? List.of() : List.of(verdict.reason()));
    }

    @Override
    public AdminResult update(String name, InputStream jar) throws AdminException {
        Objects.requireNonNull(jar, "jar");
        Target target = find(name, "update");
        String fileName = deployFile(target, "update");
        Path staged = stage(folder(), fileName, in -> JarSources.copy(jar, in, settings.downloadMaxBytes(),
                "The upload for " + name));
        return update(target, staged, fileName);
    }

    @Override
    public AdminResult update(String name, String source) throws AdminException {
        Target target = find(name, "update");
        String fileName = deployFile(target, "update");
        Path staged = AtomicFiles.tempSibling(folder().resolve(fileName));
        try {
            sources.fetch(source, staged, settings.downloadMaxBytes(), settings.downloadTimeout());
        } catch (AdminException e) {
            deleteQuietly(staged);
            throw e;
        }
        return update(target, staged, fileName);
    }

    private AdminResult update(Target target, Path staged, String fileName) throws AdminException {
        BundleDeployer.Applied applied;
        try {
            applied = deployments.place(staged, fileName, true);
        } catch (IOException e) {
            throw new AdminException(Problem.STORAGE, "Could not store deploy/" + fileName + ": "
                    + TimedCalls.describe(e) + "; check the free space and permissions of the deploy folder", e);
        } finally {
            deleteQuietly(staged);
        }
        if (applied == null) {
            return refused(fileName, null);
        }
        Bundle bundle = applied.bundleId() >= 0 ? context.getBundle(applied.bundleId()) : target.bundle();
        return switch (applied.outcome()) {
        case UPDATED, ROLLED_BACK, INSTALLED, FAILED -> resultFor(bundle, target.info().name(), applied.outcome(),
                applied.messages());
        default -> new AdminResult(target.info().name(), bundle == null ? applied.version()
                : bundle.getVersion().toString(), target.info().state(), applied.outcome(), applied.messages());
        };
    }

    @Override
    public AdminResult uninstall(String name) throws AdminException {
        Target target = find(name, "uninstall");
        String version = target.info().version();
        String location = target.info().location();
        if (location.startsWith(DeployFolder.LOCATION_PREFIX)) {
            try {
                deployments.remove(PluginListing.fileName(location));
            } catch (IOException e) {
                throw new AdminException(Problem.STORAGE, "Could not remove deploy/" + PluginListing.fileName(location)
                        + ": " + TimedCalls.describe(e) + "; check the permissions of the deploy folder", e);
            }
        } else if (target.bundle() != null) {
            try {
                target.bundle().uninstall();
                journal.record(name, "UNINSTALLED", "Uninstalled " + target.bundle().getSymbolicName() + " " + version);
            } catch (BundleException | IllegalStateException e) {
                throw new AdminException(Problem.CONFLICT, "Could not uninstall '" + name + "': " + TimedCalls.describe(e));
            }
        }
        return new AdminResult(name, version, null, Outcome.UNINSTALLED, List.of());
    }

    // --- lifecycle -------------------------------------------------------------------------------

    @Override
    public AdminResult start(String name) throws AdminException {
        Target target = find(name, "start");
        Bundle bundle = requireBundle(target, "start");
        PluginState state = target.info().state();
        if (state == PluginState.ACTIVE && bundle.getState() == Bundle.ACTIVE) {
            return resultFor(bundle, name, Outcome.UNCHANGED, List.of());
        }
        Instant since = Instant.now();
        try {
            if (bundle.getState() == Bundle.ACTIVE) {
                // the bundle runs but its plugin failed or was quarantined: start it afresh
                bundle.stop(Bundle.STOP_TRANSIENT);
            }
            bundle.start();
        } catch (BundleException | IllegalStateException | SecurityException e) {
            return new AdminResult(name, bundle.getVersion().toString(), PluginState.FAILED, Outcome.FAILED,
                    List.of("Could not start '" + name + "': " + TimedCalls.describe(e)));
        }
        UpdateGate.Verdict verdict = gate.await(bundle, since, deployments.updateWindow(), false);
        AdminResult now = resultFor(bundle, name, Outcome.STARTED, List.of());
        boolean failed = now.state() == PluginState.FAILED || now.state() == PluginState.QUARANTINED;
        return new AdminResult(now.name(), now.version(), now.state(), failed ? Outcome.FAILED : Outcome.STARTED,
                verdict.passed() ? List.of() : List.of(verdict.reason()));
    }

    @Override
    public AdminResult stop(String name) throws AdminException {
        Target target = find(name, "stop");
        Bundle bundle = requireBundle(target, "stop");
        if (bundle.getState() != Bundle.ACTIVE && bundle.getState() != Bundle.STARTING
                && !BundleDeployer.persistentlyStarted(bundle)) {
            return resultFor(bundle, name, Outcome.UNCHANGED, List.of());
        }
        try {
            bundle.stop(); // persistent: it stays stopped across restarts until started again
        } catch (BundleException | IllegalStateException | SecurityException e) {
            throw new AdminException(Problem.CONFLICT, "Could not stop '" + name + "': " + TimedCalls.describe(e)
                    + "; see the container log");
        }
        return resultFor(bundle, name, Outcome.STOPPED, List.of());
    }

    // --- etc/ ------------------------------------------------------------------------------------

    @Override
    public Map<String, Object> configuration(String name) throws AdminException {
        find(name, "read the configuration of");
        Path etc = etc();
        for (String ext : new String[] { ".json", ".cfg" }) {
            Path file = etc.resolve(name + ext);
            if (Files.isRegularFile(file)) {
                try {
                    return new LinkedHashMap<>(ConfigFile.read(file, context::getProperty));
                } catch (ConfigFile.Invalid e) {
                    throw new AdminException(Problem.CONFLICT, e.getMessage());
                }
            }
        }
        return Map.of();
    }

    @Override
    public void configure(String name, Map<String, Object> configuration) throws AdminException {
        Objects.requireNonNull(configuration, "configuration");
        find(name, "configure");
        if (!PluginNames.isValid(name) || name.startsWith("org.gcommon.") || name.startsWith("org.osgi.")
                || name.startsWith("org.apache.felix.") || name.startsWith("org.ops4j.")) {
            throw new AdminException(Problem.BAD_INPUT, "'" + name + "' has no plugin configuration: only gcommon "
                    + "plugins (lower-case names, not a runtime PID) are configured through etc/<name>.json");
        }
        for (Map.Entry<String, Object> e : configuration.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank()) {
                throw new AdminException(Problem.BAD_INPUT, "Configuration of '" + name + "' has an empty key; "
                        + "name every setting, e.g. \"ttl.seconds\"");
            }
            checkValue(name, e.getKey(), e.getValue(), true);
        }
        try {
            ConfigFile.requireConfigAdminTakes("Configuration of '" + name + "'", configuration);
        } catch (ConfigFile.Invalid e) {
            // refused now, not written: the file would be refused when read, and the plugin kept its old settings
            throw new AdminException(Problem.BAD_INPUT, e.getMessage());
        }
        Path etc = etc();
        synchronized (etcEdits) {
            try {
                AtomicFiles.write(etc.resolve(name + ".json"), JSON.writeValueAsString(new java.util.TreeMap<>(configuration))
                        + "\n");
                // after the JSON is in place, so the plugin is never left without a configuration in between
                Files.deleteIfExists(etc.resolve(name + ".cfg"));
            } catch (IOException e) {
                throw new AdminException(Problem.STORAGE, "Could not write etc/" + name + ".json: "
                        + TimedCalls.describe(e) + "; check the permissions of " + etc, e);
            }
        }
        journal.record(name, "CONFIGURED", "Configuration of " + name + " replaced (etc/" + name + ".json, "
                + configuration.size() + " setting(s))");
    }

    private static void checkValue(String name, String key, Object value, boolean listAllowed) throws AdminException {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return;
        }
        if (listAllowed && value instanceof Collection<?> list) {
            for (Object element : list) {
                checkValue(name, key, element, false);
            }
            return;
        }
        throw new AdminException(Problem.BAD_INPUT, "Configuration of '" + name + "': '" + key + "' is "
                + (value == null ? "null" : "a " + value.getClass().getSimpleName()) + "; values are strings, numbers, "
                + "booleans or lists of them (flatten nested settings into dotted keys such as \"pool.size\")");
    }

    @Override
    public List<String> grants(String name) throws AdminException {
        String bsn = symbolicName(find(name, "read the grants of"));
        try {
            return GrantsFile.granted(PropertiesFileEditor.read(etc().resolve(GrantsFile.NAME)), bsn);
        } catch (IOException | IllegalArgumentException e) {
            throw new AdminException(Problem.STORAGE, "Could not read etc/" + GrantsFile.NAME + ": "
                    + TimedCalls.describe(e) + "; fix the file", e);
        }
    }

    @Override
    public void grant(String name, List<String> permissions) throws AdminException {
        Objects.requireNonNull(permissions, "permissions");
        String bsn = symbolicName(find(name, "grant to"));
        Path file = etc().resolve(GrantsFile.NAME);
        synchronized (etcEdits) {
            PropertiesFileEditor editor = read(file);
            try {
                GrantsFile.grant(editor, bsn, permissions);
            } catch (IllegalArgumentException e) {
                throw new AdminException(Problem.BAD_INPUT, "Grant to '" + name + "': " + e.getMessage());
            }
            write(file, editor);
        }
        journal.record(name, "GRANTED", permissions.isEmpty() ? "Grants of " + bsn + " removed"
                : "Granted " + bsn + ": " + String.join(", ", permissions));
    }

    @Override
    public Map<String, Long> limits(String name) throws AdminException {
        String bsn = symbolicName(find(name, "read the limits of"));
        return LimitsFile.of(read(etc().resolve(LimitsFile.NAME)), bsn);
    }

    @Override
    public void setLimits(String name, Map<String, Long> limits) throws AdminException {
        Objects.requireNonNull(limits, "limits");
        String bsn = symbolicName(find(name, "limit"));
        Path file = etc().resolve(LimitsFile.NAME);
        synchronized (etcEdits) {
            PropertiesFileEditor editor = read(file);
            try {
                LimitsFile.set(editor, bsn, limits);
            } catch (IllegalArgumentException e) {
                throw new AdminException(Problem.BAD_INPUT, "Limits of '" + name + "': " + e.getMessage());
            }
            write(file, editor);
        }
        journal.record(name, "LIMITS_CHANGED", limits.isEmpty() ? "Limit overrides of " + bsn + " removed"
                : "Limits of " + bsn + ": " + limits);
    }

    // --- reading ---------------------------------------------------------------------------------

    @Override
    public Optional<LastUpdate> lastUpdate(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return registry.plugin(name).map(PluginInfo::location).flatMap(deployments::lastUpdate);
    }

    @Override
    public List<AdminEvent> recentEvents(int max) {
        return journal.recent(Math.max(0, Math.min(max, AdminEventLog.CAPACITY)));
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** A listed plugin and its bundle ({@code null} for a refused jar). */
    private record Target(PluginInfo info, Bundle bundle) {
    }

    private Target find(String name, String action) throws AdminException {
        JarFileNames.requirePluginName(name);
        Optional<PluginInfo> info = registry.plugin(name);
        if (info.isPresent()) {
            long id = info.get().bundleId();
            return new Target(info.get(), id >= 0 ? context.getBundle(id) : null);
        }
        for (Bundle b : context.getBundles()) {
            if (name.equals(b.getSymbolicName()) && !b.getLocation().startsWith(PluginConstants.PLUGIN_LOCATION_PREFIX)) {
                throw new AdminException(Problem.CONFLICT, "'" + name + "' is a runtime bundle (installed from "
                        + b.getLocation() + "), not a plugin: it cannot " + action + " through plugin management; "
                        + "runtime bundles change with the jars of system/ and a restart");
            }
        }
        throw new AdminException(Problem.NOT_FOUND, "No plugin named '" + name + "'; list the plugins and their names "
                + "with GET /api/plugins (or bin/gcommon list)");
    }

    private static Bundle requireBundle(Target target, String action) throws AdminException {
        if (target.bundle() == null) {
            throw new AdminException(Problem.CONFLICT, "'" + target.info().name() + "' was not installed (it is "
                    + target.info().state() + ": " + String.join("; ", target.info().reasons()) + "): there is "
                    + "nothing to " + action + "; fix the jar and install or replace it again");
        }
        return target.bundle();
    }

    private static String deployFile(Target target, String action) throws AdminException {
        String location = target.info().location();
        if (!location.startsWith(DeployFolder.LOCATION_PREFIX)) {
            throw new AdminException(Problem.CONFLICT, "'" + target.info().name() + "' was installed from " + location
                    + ", not from deploy/: it cannot " + action + " here; replace it where it came from");
        }
        return PluginListing.fileName(location);
    }

    private static String symbolicName(Target target) throws AdminException {
        String bsn = target.info().symbolicName();
        if (bsn == null || bsn.isEmpty()) {
            throw new AdminException(Problem.BAD_INPUT, "'" + target.info().name() + "' has no Bundle-SymbolicName "
                    + "(it was refused before it was installed): grants and limits are keyed by it; fix the jar first");
        }
        return bsn;
    }

    private Path folder() throws AdminException {
        Path folder = deployments.folder();
        if (folder == null) {
            throw new AdminException(Problem.UNAVAILABLE, "The container has no deploy folder (the framework property "
                    + PluginConstants.PROP_HOME + " is not set); start it with bin/gcommon");
        }
        return folder;
    }

    private Path etc() throws AdminException {
        String home = context.getProperty(PluginConstants.PROP_HOME);
        if (home == null || home.isBlank()) {
            throw new AdminException(Problem.UNAVAILABLE, "The container has no etc/ folder (the framework property "
                    + PluginConstants.PROP_HOME + " is not set); start it with bin/gcommon");
        }
        return Paths.get(home, "etc").toAbsolutePath().normalize();
    }

    private static void requireFree(Path folder, String fileName) throws AdminException {
        if (Files.exists(folder.resolve(fileName))) {
            throw taken(fileName);
        }
    }

    private static AdminException taken(String fileName) {
        return new AdminException(Problem.CONFLICT, "deploy/" + fileName + " exists already: update the plugin "
                + "installed from it (POST /api/plugins/{name}/update), or install under another file name");
    }

    @FunctionalInterface
    private interface Writer {
        void write(Path staged) throws IOException, AdminException;
    }

    private static Path stage(Path folder, String fileName, Writer writer) throws AdminException {
        Path staged = AtomicFiles.tempSibling(folder.resolve(fileName));
        try {
            writer.write(staged);
            return staged;
        } catch (IOException e) {
            deleteQuietly(staged);
            throw new AdminException(Problem.STORAGE, "Could not store " + fileName + " in " + folder + ": "
                    + TimedCalls.describe(e) + "; check the free space and permissions of the folder", e);
        } catch (AdminException e) {
            deleteQuietly(staged);
            throw e;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a hidden leftover is ignored by the watcher and removed at the next start
        }
    }

    private AdminResult refused(String fileName, BundleDeployer.Applied applied) {
        if (applied == null) {
            return new AdminResult(fileName, "", PluginState.REJECTED, Outcome.REJECTED,
                    List.of("deploy/" + fileName + " could not be applied; see the container log"));
        }
        return new AdminResult(fileName, applied.version(), PluginState.REJECTED, applied.outcome(), applied.messages());
    }

    /** @return the outcome with the plugin's name, version and state as listed now */
    private AdminResult resultFor(Bundle bundle, String fallbackName, Outcome outcome, List<String> messages) {
        if (bundle == null) {
            return new AdminResult(fallbackName, "", null, outcome, messages);
        }
        PluginInfo found = null;
        for (PluginInfo info : registry.plugins()) {
            if (info.bundleId() == bundle.getBundleId() && (found == null || found.type() == PluginType.BUNDLE)) {
                found = info;
            }
        }
        List<String> all = new ArrayList<>(messages);
        if (found == null) {
            return new AdminResult(AdminEventLog.nameOf(bundle), bundle.getVersion().toString(),
                    PluginListing.stateOf(bundle), outcome, all);
        }
        if ((found.state() == PluginState.FAILED || found.state() == PluginState.QUARANTINED) && all.isEmpty()) {
            found.lastError().ifPresent(all::add);
        }
        return new AdminResult(found.name(), found.version(), found.state(), outcome, all);
    }

    private static PropertiesFileEditor read(Path file) throws AdminException {
        try {
            return PropertiesFileEditor.read(file);
        } catch (IOException e) {
            throw new AdminException(Problem.STORAGE, "Could not read " + file + ": " + TimedCalls.describe(e), e);
        }
    }

    private static void write(Path file, PropertiesFileEditor editor) throws AdminException {
        try {
            AtomicFiles.write(file, editor.text());
        } catch (IOException e) {
            throw new AdminException(Problem.STORAGE, "Could not write " + file + ": " + TimedCalls.describe(e)
                    + "; check its permissions", e);
        }
    }
}
