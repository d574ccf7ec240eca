package org.gcommon.plugin.manager.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.gcommon.plugin.api.PluginConstants;
import org.gcommon.plugin.api.security.ArchiveInspector;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The {@code deploy/} folder: a jar dropped in is checked, installed and started; a replaced jar
 * updates its bundle; a deleted jar uninstalls it. Refused archives are kept as problems, listed by
 * the registry under their file name. Off when the framework property {@code gcommon.home} is unset.
 */
@Component(service = DeployReport.class, immediate = true)
public final class DeployFolder implements DeployReport {

    static final String LOCATION_PREFIX = PluginConstants.PLUGIN_LOCATION_PREFIX + "deploy/";
    private static final Duration QUIET = Duration.ofMillis(40);

    private final Map<String, ArtifactProblem> problems = new ConcurrentHashMap<>();

    @Reference(service = LoggerFactory.class)
    private Logger log;

    /** Mandatory: without an inspector the deploy folder installs nothing (fail closed). */
    @Reference
    private ArchiveInspector inspector;

    private FolderWatcher watcher;
    private BundleDeployer deployer;
    private Path folder;

    @Activate
    void activate(BundleContext context) throws IOException {
        String home = context.getProperty(PluginConstants.PROP_HOME);
        if (home == null || home.isBlank()) {
            log.info("No {} framework property: the deploy folder is off", PluginConstants.PROP_HOME);
            return;
        }
        folder = Paths.get(home, "deploy").toAbsolutePath().normalize();
        deployer = new BundleDeployer(context, problems, log, FingerprintStore.in(context.getDataFile("deploy-state.properties")),
                inspector);
        watcher = new FolderWatcher(folder, p -> p.getFileName().toString().endsWith(".jar"), QUIET, this::apply,
                log::error, "gcommon-deploy-watcher");
        Files.createDirectories(folder);
        Set<Path> present = watcher.list();
        deployer.reconcile(folder, present);
        watcher.start(present);
        log.info("Watching {} for plugin jars", folder);
    }

    @Deactivate
    void deactivate() {
        if (watcher != null) {
            watcher.close();
        }
    }

    private void apply(FolderWatcher.Changes changes) {
        deployer.apply(new TreeSet<>(changes.changed()), new TreeSet<>(changes.removed()));
    }

    @Override
    public Collection<ArtifactProblem> problems() {
        return List.copyOf(problems.values());
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
