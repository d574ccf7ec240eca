package org.gcommon.plugin.manager.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.gcommon.plugin.api.PluginState;
import org.gcommon.plugin.api.security.ArchiveInspector;
import org.gcommon.plugin.api.security.ArchiveVerdict;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.log.Logger;

/**
 * Applies deploy-folder changes to the framework: checks each archive, installs or updates it,
 * resolves the whole batch at once (resolving bundles together is an order of magnitude faster than
 * letting each start resolve on its own), then starts them. Each archive's outcome is recorded: a
 * refused or failing archive never stops the rest of the batch.
 */
final class BundleDeployer {

    private final BundleContext context;
    private final Map<String, ArtifactProblem> problems;
    private final Logger log;
    private final FingerprintStore applied;
    private final ArchiveInspector inspector;

    BundleDeployer(BundleContext context, Map<String, ArtifactProblem> problems, Logger log, FingerprintStore applied,
            ArchiveInspector inspector) {
        this.inspector = inspector;
        this.context = context;
        this.problems = problems;
        this.log = log;
        this.applied = applied;
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
        apply(changed, removed);
    }

    synchronized void apply(Set<Path> changed, Set<Path> removed) {
        Map<String, Bundle> installed = DeployFolder.installed(context);
        for (Path jar : removed) {
            uninstall(jar, installed.get(DeployFolder.locationOf(jar)));
        }
        Set<Bundle> touched = new LinkedHashSet<>();
        List<Bundle> updated = new ArrayList<>();
        for (Path jar : changed) {
            Bundle b = installOrUpdate(jar, installed.get(DeployFolder.locationOf(jar)), updated);
            if (b != null) {
                touched.add(b);
            }
        }
        refresh(updated);
        // Bundles that could not start earlier may resolve now that new bundles arrived; not those stopped on
        // purpose since (a quarantined plugin, or one an operator stopped), whose autostart setting is off.
        for (ArtifactProblem p : problems.values()) {
            if (p.state() == PluginState.FAILED && p.bundleId() >= 0) {
                Bundle b = context.getBundle(p.bundleId());
                org.osgi.framework.startlevel.BundleStartLevel level = b == null ? null
                        : b.adapt(org.osgi.framework.startlevel.BundleStartLevel.class);
                if (b != null && level != null && level.isPersistentlyStarted()) {
                    touched.add(b);
                }
            }
        }
        if (touched.isEmpty()) {
            save();
            return;
        }
        context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class).resolveBundles(touched);
        for (Bundle b : touched) {
            start(b);
        }
        save();
    }

    private void uninstall(Path jar, Bundle bundle) {
        String location = DeployFolder.locationOf(jar);
        problems.remove(location);
        applied.remove(location);
        if (bundle == null) {
            return;
        }
        try {
            bundle.uninstall();
            log.info("Uninstalled {} {} (deploy/{} was removed)", bundle.getSymbolicName(), bundle.getVersion(),
                    jar.getFileName());
        } catch (BundleException | IllegalStateException e) {
            log.error("Could not uninstall {} after deploy/{} was removed: {}", bundle.getSymbolicName(),
                    jar.getFileName(), TimedCalls.describe(e));
        }
    }

    private Bundle installOrUpdate(Path jar, Bundle existing, List<Bundle> updated) {
        String location = DeployFolder.locationOf(jar);
        String file = jar.getFileName().toString();
        String fingerprint;
        try {
            fingerprint = FingerprintStore.fingerprint(jar);
        } catch (IOException e) {
            return null; // gone again before we could look: the watcher reports the removal
        }
        // The scanner first: a refused archive is never installed, so none of its code can ever run.
        ArchiveVerdict verdict = inspector.inspect(jar);
        ArchiveCheck.Result check = ArchiveCheck.inspect(jar);
        if (!verdict.accepted()) {
            refuse(location, file, check.passed() ? check.identity().symbolicName() : "",
                    check.passed() ? check.identity().version().toString() : "", verdict.reasons(), existing);
            applied.put(location, fingerprint);
            return null;
        }
        verdict.warnings().forEach(w -> log.warn("deploy/{}: {}", file, w));
        if (!check.passed()) {
            refuse(location, file, "", "", check.reasons(), existing);
            applied.put(location, fingerprint);
            return null;
        }
        ArchiveCheck.Identity id = check.identity();
        Bundle twin = duplicateOf(id, location);
        if (twin != null) {
            refuse(location, file, id.symbolicName(), id.version().toString(), List.of(file + " is a duplicate: bundle "
                    + id.symbolicName() + " " + id.version() + " is already installed from " + twin.getLocation()
                    + " (bundle " + twin.getBundleId() + "). Remove " + file
                    + ", or give it a different Bundle-Version to run both"), existing);
            applied.put(location, fingerprint);
            return null;
        }
        try (InputStream in = Files.newInputStream(jar)) {
            Bundle bundle;
            if (existing != null) {
                existing.update(in);
                updated.add(existing);
                bundle = existing;
                log.info("Updated {} {} from deploy/{}", id.symbolicName(), id.version(), file);
            } else {
                bundle = context.installBundle(location, in);
                log.info("Installed {} {} from deploy/{} (bundle {})", id.symbolicName(), id.version(), file,
                        bundle.getBundleId());
            }
            problems.remove(location);
            applied.put(location, fingerprint);
            return bundle;
        } catch (BundleException | IOException | IllegalStateException | SecurityException e) {
            refuse(location, file, id.symbolicName(), id.version().toString(), List.of("Could not install " + file + ": "
                    + TimedCalls.describe(e)), existing);
            applied.put(location, fingerprint);
            return null;
        }
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

    private void refuse(String location, String file, String bsn, String version, List<String> reasons, Bundle existing) {
        problems.put(location, new ArtifactProblem(file, location, -1, bsn, version, PluginState.REJECTED, reasons,
                Instant.now()));
        log.error("Refused deploy/{}: {}{}", file, String.join("; ", reasons),
                existing == null ? "" : " (the installed version keeps running)");
    }

    private void start(Bundle b) {
        if (b.getState() == Bundle.UNINSTALLED || b.getHeaders("").get(Constants.FRAGMENT_HOST) != null) {
            return;
        }
        String location = b.getLocation();
        try {
            b.start();
            problems.remove(location);
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
        }
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

    private void save() {
        try {
            applied.save();
        } catch (IOException e) {
            log.error("Could not save the deploy folder state: {}; a restart may re-apply unchanged jars",
                    TimedCalls.describe(e));
        }
    }
}
