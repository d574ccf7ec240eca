package org.gcommon.plugin.manager.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import org.gcommon.plugin.api.PluginState;
import org.gcommon.plugin.api.admin.AdminResult.Outcome;
import org.gcommon.plugin.api.admin.LastUpdate;
import org.gcommon.plugin.api.security.ArchiveInspector;
import org.gcommon.plugin.api.security.ArchiveVerdict;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.log.Logger;

/**
 * Applies deploy-folder changes to the framework: checks each archive, installs or updates it,
 * resolves the new bundles of a batch at once (resolving bundles together is an order of magnitude
 * faster than letting each start resolve on its own), then starts them. Each archive's outcome is
 * recorded: a refused or failing archive never stops the rest of the batch.
 *
 * <p>Updates are health-gated, one at a time: the jar the plugin ran is kept, a marker of the update
 * is written, the bundle is updated, refreshed and started, and the new version must be ACTIVE and
 * HEALTHY within the update window; otherwise the kept jar is put back. A marker found at start means
 * the container stopped in the middle: the kept jar is put back then ({@link #recover()}).
 */
final class BundleDeployer {

    /** The outcome of applying one jar. */
    record Applied(Outcome outcome, long bundleId, String symbolicName, String version, List<String> messages) {
        Applied {
            messages = List.copyOf(messages);
        }
    }

    /** What the deployer keeps besides the framework's own state. */
    record Stores(FingerprintStore applied, KeptJars kept, PendingUpdates pending, UpdateHistory history) {
    }

    private record Update(Path jar, Bundle bundle, String fingerprint, ArchiveCheck.Identity identity) {
    }

    private final BundleContext context;
    private final Map<String, ArtifactProblem> problems;
    private final Logger log;
    private final FingerprintStore applied;
    private final KeptJars kept;
    private final PendingUpdates pending;
    private final UpdateHistory history;
    private final ArchiveInspector inspector;
    private final UpdateGate gate;
    private final Supplier<Duration> window;
    private final Supplier<EventJournal> journal;
    private final Function<Bundle, String> nameOf;

    BundleDeployer(BundleContext context, Map<String, ArtifactProblem> problems, Logger log, Stores stores,
            ArchiveInspector inspector, UpdateGate gate, Supplier<Duration> window, Supplier<EventJournal> journal,
            Function<Bundle, String> nameOf) {
        this.inspector = inspector;
        this.context = context;
        this.problems = problems;
        this.log = log;
        this.applied = stores.applied();
        this.kept = stores.kept();
        this.pending = stores.pending();
        this.history = stores.history();
        this.gate = gate;
        this.window = window;
        this.journal = journal;
        this.nameOf = nameOf;
    }

    /**
     * At start, before anything else: puts back the kept jar of every update the container stopped in
     * the middle of, so each plugin runs a version known to work.
     */
    synchronized void recover() {
        kept.removeLeftovers();
        for (PendingUpdates.Marker marker : pending.left()) {
            String location = marker.location();
            Bundle bundle = context.getBundle(location);
            PendingUpdates.Recovery action = PendingUpdates.recover(bundle != null, kept.has(location));
            try {
                switch (action) {
                case REINSTALL_KEPT -> {
                    try (InputStream in = Files.newInputStream(kept.of(location))) {
                        bundle = context.installBundle(location, in);
                    }
                    bundle.start();
                }
                case UPDATE_TO_KEPT -> {
                    boolean start = persistentlyStarted(bundle);
                    try (InputStream in = Files.newInputStream(kept.of(location))) {
                        stopTransiently(bundle);
                        bundle.update(in);
                    }
                    refresh(List.of(bundle));
                    if (start) {
                        bundle.start();
                    }
                }
                case LEAVE -> log.warn("An update of {} was interrupted and no previous jar was kept; it stays at {}",
                        location, bundle == null ? "(not installed)" : bundle.getVersion());
                }
            } catch (BundleException | IOException | IllegalStateException | SecurityException e) {
                log.error("Could not put back the previous version of {} after an interrupted update: {}", location,
                        TimedCalls.describe(e));
            }
            String file = PluginListing.fileName(location);
            String reason = "The container stopped while version " + marker.toVersion() + " (deploy/" + file
                    + ") was being checked; version " + marker.fromVersion() + " was put back. Replace the jar again "
                    + "(or update the plugin) to retry";
            applied.put(location, marker.fingerprint());
            if (action != PendingUpdates.Recovery.LEAVE) {
                history.put(location, new LastUpdate(marker.toVersion(), Outcome.ROLLED_BACK, reason, Instant.now()));
                record(bundle == null ? file : nameOf.apply(bundle), "ROLLED_BACK", reason);
                log.warn(reason);
            }
            pending.end(location);
        }
        save();
    }

    /** At start: apply what changed in the folder while the container was down. */
    void reconcile(Path folder, Set<Path> present) {
        Map<String, Bundle> installed = DeployFolder.installed(context);
        Set<Path> changed = new TreeSet<>();
        for (Path jar : present) {
            String location = DeployFolder.locationOf(jar);
            try {
                if (!installed.containsKey(location) || !FingerprintStore.fingerprint(jar).equals(applied.get(location))) {
                    changed.add(jar);
                }
            } catch (IOException e) {
                changed.add(jar); // unreadable now: let apply() report it
            }
        }
        Set<Path> removed = new TreeSet<>();
        for (String location : installed.keySet()) {
            Path jar = folder.resolve(location.substring(DeployFolder.LOCATION_PREFIX.length()));
            if (!present.contains(jar)) {
                removed.add(jar);
            }
        }
        apply(changed, removed, changed);
        startWhatShouldRun();
    }

    /**
     * At start, once the plugins' start level is reached: plugins that should run (persistently started) but do
     * not are resolved and started again, their failure recorded as any other. The framework starts them itself
     * when the level rises; a round of that which failed for a reason gone a moment later (seen: right after
     * the sandbox took over the SecurityManager, a whole resolve round found no java.* exports) would otherwise
     * leave them stopped until the next change in the folder.
     */
    private void startWhatShouldRun() {
        Set<Bundle> idle = new LinkedHashSet<>();
        for (Bundle b : DeployFolder.installed(context).values()) {
            if ((b.getState() == Bundle.INSTALLED || b.getState() == Bundle.RESOLVED) && persistentlyStarted(b)
                    && b.getHeaders("").get(Constants.FRAGMENT_HOST) == null) {
                idle.add(b);
            }
        }
        if (idle.isEmpty()) {
            return;
        }
        log.info("Starting {} plugin bundle(s) that should run but did not start with the framework", idle.size());
        context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class).resolveBundles(idle);
        for (Bundle b : idle) {
            start(b);
        }
    }

    /** Applies what the folder watcher saw; jars already applied as they are now are left alone. */
    synchronized Map<Path, Applied> apply(Set<Path> changed, Set<Path> removed) {
        return apply(changed, removed, Set.of());
    }

    /**
     * Moves a jar staged beside the folder into it and applies it, as one step: the watcher, seeing the
     * file afterwards, finds it applied already.
     *
     * @param replace whether an existing jar of that name is replaced (an update) or refused
     * @throws java.nio.file.FileAlreadyExistsException when {@code replace} is false and the name is taken
     */
    synchronized Applied place(Path staged, Path target, boolean replace) throws IOException {
        AtomicFiles.move(staged, target, replace);
        return apply(Set.of(target), Set.of(), Set.of(target)).get(target);
    }

    /** Deletes a jar from the folder and uninstalls its bundle, as one step. */
    synchronized void remove(Path jar) throws IOException {
        Files.deleteIfExists(jar);
        apply(Set.of(), Set.of(jar), Set.of());
    }

    private Map<Path, Applied> apply(Set<Path> changed, Set<Path> removed, Set<Path> forced) {
        Map<Path, Applied> results = new LinkedHashMap<>();
        Map<String, Bundle> installed = DeployFolder.installed(context);
        for (Path jar : removed) {
            uninstall(jar, installed.get(DeployFolder.locationOf(jar)));
        }
        Set<Bundle> touched = new LinkedHashSet<>();
        Map<Bundle, Path> fresh = new LinkedHashMap<>();
        List<Update> updates = new ArrayList<>();
        for (Path jar : changed) {
            String location = DeployFolder.locationOf(jar);
            Bundle existing = installed.get(location);
            if (!forced.contains(jar) && alreadyApplied(jar, location, existing)) {
                continue;
            }
            Object prepared = prepare(jar, existing);
            if (prepared instanceof Applied refused) {
                results.put(jar, refused);
            } else if (prepared instanceof Update update) {
                updates.add(update);
            } else if (prepared instanceof Bundle b) {
                touched.add(b);
                fresh.put(b, jar);
            }
        }
        // Bundles that could not start earlier may resolve now that new bundles arrived; not those stopped on
        // purpose since (a quarantined plugin, or one an operator stopped), whose autostart setting is off.
        for (ArtifactProblem p : problems.values()) {
            if (p.state() == PluginState.FAILED && p.bundleId() >= 0) {
                Bundle b = context.getBundle(p.bundleId());
                if (b != null && persistentlyStarted(b)) {
                    touched.add(b);
                }
            }
        }
        if (!touched.isEmpty()) {
            context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class).resolveBundles(touched);
            for (Bundle b : touched) {
                String failure = start(b);
                Path jar = fresh.get(b);
                if (jar != null) {
                    results.put(jar, installed(b, jar, failure));
                }
            }
        }
        save();
        for (Update update : updates) {
            results.put(update.jar(), update(update));
            save();
        }
        return results;
    }

    /** Whether the jar, as it is now, was applied already (by a management call or an earlier batch). */
    private boolean alreadyApplied(Path jar, String location, Bundle existing) {
        try {
            return FingerprintStore.fingerprint(jar).equals(applied.get(location))
                    && (existing != null || problems.containsKey(location));
        } catch (IOException e) {
            return false;
        }
    }

    private Applied installed(Bundle b, Path jar, String failure) {
        String name = nameOf.apply(b);
        if (failure == null) {
            record(name, "INSTALLED", "Installed " + b.getSymbolicName() + " " + b.getVersion() + " from deploy/"
                    + jar.getFileName());
            return new Applied(Outcome.INSTALLED, b.getBundleId(), b.getSymbolicName(), b.getVersion().toString(),
                    List.of());
        }
        record(name, "FAILED", failure);
        return new Applied(Outcome.FAILED, b.getBundleId(), b.getSymbolicName(), b.getVersion().toString(),
                List.of(failure));
    }

    private void uninstall(Path jar, Bundle bundle) {
        String location = DeployFolder.locationOf(jar);
        problems.remove(location);
        applied.remove(location);
        kept.remove(location);
        history.remove(location);
        pending.end(location);
        if (bundle == null) {
            return;
        }
        String name = nameOf.apply(bundle);
        try {
            bundle.uninstall();
            log.info("Uninstalled {} {} (deploy/{} was removed)", bundle.getSymbolicName(), bundle.getVersion(),
                    jar.getFileName());
            record(name, "UNINSTALLED", "Uninstalled " + bundle.getSymbolicName() + " " + bundle.getVersion()
                    + " (deploy/" + jar.getFileName() + " was removed)");
        } catch (BundleException | IllegalStateException e) {
            log.error("Could not uninstall {} after deploy/{} was removed: {}", bundle.getSymbolicName(),
                    jar.getFileName(), TimedCalls.describe(e));
        }
    }

    /** @return an {@link Applied} refusal, an {@link Update} to gate, or a freshly installed {@link Bundle} */
    private Object prepare(Path jar, Bundle existing) {
        String location = DeployFolder.locationOf(jar);
        String file = jar.getFileName().toString();
        String fingerprint;
        try {
            fingerprint = FingerprintStore.fingerprint(jar);
        } catch (IOException e) {
            return new Applied(Outcome.REJECTED, -1, "", "", List.of("deploy/" + file + " vanished before it was read"));
        }
        // The scanner first: a refused archive is never installed, so none of its code can ever run.
        ArchiveVerdict verdict = inspector.inspect(jar);
        ArchiveCheck.Result check = ArchiveCheck.inspect(jar);
        String bsn = check.passed() ? check.identity().symbolicName() : "";
        String version = check.passed() ? check.identity().version().toString() : "";
        if (!verdict.accepted()) {
            applied.put(location, fingerprint);
            return refuse(location, file, bsn, version, verdict.reasons(), existing);
        }
        verdict.warnings().forEach(w -> log.warn("deploy/{}: {}", file, w));
        if (!check.passed()) {
            applied.put(location, fingerprint);
            return refuse(location, file, "", "", check.reasons(), existing);
        }
        ArchiveCheck.Identity id = check.identity();
        Bundle twin = duplicateOf(id, location);
        if (twin != null) {
            applied.put(location, fingerprint);
            return refuse(location, file, bsn, version, List.of(file + " is a duplicate: bundle " + id.symbolicName() + " "
                    + id.version() + " is already installed from " + twin.getLocation() + " (bundle " + twin.getBundleId()
                    + "). Remove " + file + ", or give it a different Bundle-Version to run both"), existing);
        }
        if (existing != null) {
            return new Update(jar, existing, fingerprint, id);
        }
        try {
            // kept first: a crash after the install finds the jar to go back to already there
            kept.keep(location, jar);
            Bundle bundle;
            try (InputStream in = Files.newInputStream(jar)) {
                bundle = context.installBundle(location, in);
            }
            log.info("Installed {} {} from deploy/{} (bundle {})", id.symbolicName(), id.version(), file,
                    bundle.getBundleId());
            problems.remove(location);
            applied.put(location, fingerprint);
            return bundle;
        } catch (BundleException | IOException | IllegalStateException | SecurityException e) {
            applied.put(location, fingerprint);
            kept.remove(location);
            return refuse(location, file, bsn, version, List.of("Could not install " + file + ": " + TimedCalls.describe(e)),
                    null);
        }
    }

    private Applied update(Update u) {
        Bundle b = u.bundle();
        String location = b.getLocation();
        String file = u.jar().getFileName().toString();
        String from = b.getVersion().toString();
        String to = u.identity().version().toString();
        String bsn = u.identity().symbolicName();
        boolean start = persistentlyStarted(b);
        try {
            kept.ensure(location, b);
            pending.begin(new PendingUpdates.Marker(location, u.fingerprint(), from, to, Instant.now()));
        } catch (IOException | RuntimeException e) {
            applied.put(location, u.fingerprint());
            return refusedUpdate(location, file, bsn, to, "Could not keep a copy of the running version " + from
                    + " before updating (" + TimedCalls.describe(e) + "); nothing was changed. Free space in data/ "
                    + "and replace the jar again", b);
        }
        Instant since = Instant.now();
        try (InputStream in = Files.newInputStream(u.jar())) {
            stopTransiently(b);
            b.update(in);
        } catch (BundleException | IOException | IllegalStateException | SecurityException e) {
            pending.end(location);
            applied.put(location, u.fingerprint());
            return refusedUpdate(location, file, bsn, to, "Could not update " + bsn + " to " + file + ": "
                    + TimedCalls.describe(e) + "; version " + from + " keeps running", b);
        }
        refresh(List.of(b));
        UpdateGate.Verdict verdict;
        if (!start) {
            verdict = new UpdateGate.Verdict(true, false, "stopped: it was not started, so its health was not checked");
        } else {
            String failure = start(b);
            verdict = failure != null ? UpdateGate.Verdict.fail(failure) : gate.await(b, since, window.get(), true);
        }
        applied.put(location, u.fingerprint());
        String name = nameOf.apply(b);
        if (verdict.passed()) {
            try {
                kept.keep(location, u.jar());
            } catch (IOException e) {
                log.error("Could not keep a copy of {} {}: {}; a later roll back would go to an older version", bsn, to,
                        TimedCalls.describe(e));
            }
            pending.end(location);
            problems.remove(location);
            history.put(location, new LastUpdate(to, Outcome.UPDATED, verdict.judged() ? "" : verdict.reason(),
                    Instant.now()));
            String message = "Updated " + bsn + " from " + from + " to " + to + " (deploy/" + file + ")"
                    + (verdict.judged() ? "" : "; " + verdict.reason());
            log.info(message);
            record(name, "UPDATED", message);
            return new Applied(Outcome.UPDATED, b.getBundleId(), bsn, to, verdict.judged() ? List.of()
                    : List.of(verdict.reason()));
        }
        String reason = "Version " + to + " (deploy/" + file + ") was rolled back to " + from + ": " + verdict.reason()
                + ". Fix it and replace the jar again; this jar is not tried again until it changes";
        String failure = rollBack(b, location, start);
        pending.end(location);
        history.put(location, new LastUpdate(to, Outcome.ROLLED_BACK, reason, Instant.now()));
        log.error(reason);
        record(name, "ROLLED_BACK", reason);
        List<String> messages = failure == null ? List.of(reason) : List.of(reason, failure);
        return new Applied(Outcome.ROLLED_BACK, b.getBundleId(), b.getSymbolicName(), b.getVersion().toString(), messages);
    }

    /** Puts the kept jar back; @return why the previous version could not start again, or {@code null} */
    private String rollBack(Bundle b, String location, boolean start) {
        try (InputStream in = Files.newInputStream(kept.of(location))) {
            stopTransiently(b);
            b.update(in);
        } catch (BundleException | IOException | IllegalStateException | SecurityException e) {
            String message = "Could not put back the previous version of " + b.getSymbolicName() + ": "
                    + TimedCalls.describe(e);
            log.error(message);
            return message;
        }
        Instant since = Instant.now();
        refresh(List.of(b));
        problems.remove(location);
        if (!start) {
            return null;
        }
        String failure = start(b);
        if (failure != null) {
            return failure;
        }
        // Answer once the previous version serves again, so that what the caller lists next is the version
        // that runs, not the failed one on its way out.
        UpdateGate.Verdict back = gate.await(b, since, window.get(), false);
        return back.passed() ? null : "The previous version " + b.getVersion() + " did not become ACTIVE again: "
                + back.reason();
    }

    private Applied refusedUpdate(String location, String file, String bsn, String version, String reason, Bundle b) {
        return refuse(location, file, bsn, version, List.of(reason), b);
    }

    private Bundle duplicateOf(ArchiveCheck.Identity id, String location) {
        for (Bundle b : context.getBundles()) {
            if (!b.getLocation().equals(location) && id.symbolicName().equals(b.getSymbolicName())
                    && id.version().equals(b.getVersion())) {
                return b;
            }
        }
        return null;
    }

    private Applied refuse(String location, String file, String bsn, String version, List<String> reasons,
            Bundle existing) {
        problems.put(location, new ArtifactProblem(file, location, -1, bsn, version, PluginState.REJECTED, reasons,
                Instant.now()));
        if (existing != null) {
            history.put(location, new LastUpdate(version, Outcome.REJECTED, String.join("; ", reasons), Instant.now()));
        }
        log.error("Refused deploy/{}: {}{}", file, String.join("; ", reasons),
                existing == null ? "" : " (the installed version keeps running)");
        record(existing == null ? file : nameOf.apply(existing), "REJECTED", "Refused deploy/" + file + ": "
                + String.join("; ", reasons));
        return new Applied(Outcome.REJECTED, existing == null ? -1 : existing.getBundleId(), bsn,
                existing == null ? version : existing.getVersion().toString(), reasons);
    }

    /** @return why the bundle could not start, or {@code null} when it started (or is a fragment) */
    private String start(Bundle b) {
        if (b.getState() == Bundle.UNINSTALLED || b.getHeaders("").get(Constants.FRAGMENT_HOST) != null) {
            return null;
        }
        String location = b.getLocation();
        try {
            b.start();
            problems.remove(location);
            return null;
        } catch (BundleException | IllegalStateException | SecurityException e) {
            String message = "Could not start " + b.getSymbolicName() + " " + b.getVersion() + ": " + TimedCalls.describe(e)
                    + (e instanceof BundleException be && be.getType() == BundleException.RESOLVE_ERROR
                            ? " — deploy the bundle that provides the missing requirement, or remove the requirement"
                            : "");
            ArtifactProblem previous = problems.put(location, new ArtifactProblem(PluginListing.fileName(location), location,
                    b.getBundleId(), String.valueOf(b.getSymbolicName()), b.getVersion().toString(), PluginState.FAILED,
                    List.of(message), Instant.now()));
            if (previous == null || !previous.reasons().equals(List.of(message))) {
                log.error(message);
            }
            return message;
        }
    }

    /**
     * Stops a bundle before it is updated, keeping its autostart setting: {@code update()} of an ACTIVE
     * bundle would start the new version at once, and the refresh that follows would restart it again.
     */
    private static void stopTransiently(Bundle b) throws BundleException {
        if (b.getState() == Bundle.ACTIVE || b.getState() == Bundle.STARTING) {
            b.stop(Bundle.STOP_TRANSIENT);
        }
    }

    static boolean persistentlyStarted(Bundle b) {
        BundleStartLevel level = b.adapt(BundleStartLevel.class);
        return level != null ? level.isPersistentlyStarted() : b.getState() == Bundle.ACTIVE;
    }

    private void refresh(List<Bundle> updated) {
        if (updated.isEmpty()) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class).refreshBundles(updated,
                event -> done.countDown());
        try {
            if (!done.await(60, TimeUnit.SECONDS)) {
                log.warn("Refreshing updated bundles {} took over 60 s; going on", updated);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void record(String plugin, String kind, String message) {
        EventJournal j = journal.get();
        if (j != null) {
            j.record(plugin, kind, message);
        }
    }

    private void save() {
        try {
            applied.save();
        } catch (IOException e) {
            log.error("Could not save the deploy folder state: {}; a restart may re-apply unchanged jars",
                    TimedCalls.describe(e));
        }
    }
}
