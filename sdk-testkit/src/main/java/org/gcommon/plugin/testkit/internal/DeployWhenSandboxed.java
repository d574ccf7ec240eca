package org.gcommon.plugin.testkit.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicBoolean;

import org.gcommon.plugin.api.security.PluginPermissions;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * In a sandboxed container test, deploys the plugins the test named ({@code GcommonOptions.deployed})
 * only once the sandbox holds: as in the container, no plugin code runs before its permissions are in
 * force. Does nothing in tests without the sandbox.
 */
public final class DeployWhenSandboxed implements BundleActivator {

    /** Framework property: the jars to deploy, separated by the path separator. */
    public static final String PENDING = "gcommon.testkit.deploy";

    private ServiceTracker<PluginPermissions, PluginPermissions> tracker;

    @Override
    public void start(BundleContext context) {
        String pending = context.getProperty(PENDING);
        String home = context.getProperty("gcommon.home");
        if (pending == null || pending.isBlank()) {
            return;
        }
        if (home == null) {
            throw new IllegalStateException("GcommonOptions.deployed(...) deploys through the sandbox's deploy folder: "
                    + "add GcommonOptions.sandbox() to the test's options, or install the jar with GcommonOptions.bundle(...)");
        }
        AtomicBoolean deployed = new AtomicBoolean();
        tracker = new ServiceTracker<>(context, PluginPermissions.class, null) {
            @Override
            public PluginPermissions addingService(ServiceReference<PluginPermissions> reference) {
                PluginPermissions permissions = super.addingService(reference);
                // Asking the service activates the sandbox component: its permission table is written by then.
                if (permissions != null && deployed.compareAndSet(false, true)) {
                    if (permissions.enforced()) {
                        deploy(pending, Path.of(home, "deploy"));
                    } else {
                        // fail closed, as the container: no plugin runs unconfined
                        System.err.println("gcommon testkit: the sandbox is not enforced (" + permissions.enforcement()
                                + "), so " + pending + " is not deployed; run the test on Java 17 to 23");
                    }
                }
                return permissions;
            }
        };
        tracker.open();
    }

    private static void deploy(String pending, Path deploy) {
        for (String jar : pending.split(java.io.File.pathSeparator)) {
            Path source = Path.of(jar);
            try {
                Files.createDirectories(deploy);
                Path staging = deploy.resolveSibling(source.getFileName() + ".staging");
                Files.copy(source, staging, StandardCopyOption.REPLACE_EXISTING);
                Files.move(staging, deploy.resolve(source.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot deploy " + source + " into " + deploy + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void stop(BundleContext context) {
        if (tracker != null) {
            tracker.close();
        }
    }
}
