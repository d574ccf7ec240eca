package org.gcommon.plugin.repository.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.gcommon.plugin.api.PluginInfo;
import org.gcommon.plugin.api.PluginRegistry;
import org.gcommon.plugin.api.PluginState;
import org.gcommon.plugin.api.admin.AdminException;
import org.gcommon.plugin.api.admin.AdminResult;
import org.gcommon.plugin.api.admin.AdminResult.Outcome;

/**
 * Installs by writing into {@code deploy/} and waiting for the deploy folder (scanner, sandbox) to
 * settle the jar, where the management service ({@code PluginAdmin}) is not running. Updates here are
 * plain replacements: the health-gated rollback is the management service's.
 */
final class DeployFolderInstaller implements PluginInstaller {

    private static final Set<PluginState> SETTLED = Set.of(PluginState.ACTIVE, PluginState.FAILED, PluginState.REJECTED,
            PluginState.QUARANTINED, PluginState.STOPPED);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Path deploy;
    private final PluginRegistry registry;
    private final Duration timeout;

    DeployFolderInstaller(Path deploy, PluginRegistry registry, Duration timeout) {
        this.deploy = deploy;
        this.registry = registry;
        this.timeout = timeout;
    }

    @Override
    public AdminResult install(String fileName, Path jar) throws AdminException {
        Path target = deploy.resolve(fileName);
        if (Files.exists(target)) {
            throw new AdminException(AdminException.Problem.CONFLICT, "deploy/" + fileName + " exists already: "
                    + "update the plugin instead of installing it again");
        }
        place(jar, target);
        PluginInfo info = await(p -> p.location().endsWith("deploy/" + fileName) && SETTLED.contains(p.state()), fileName);
        return result(info, info.state() == PluginState.ACTIVE ? Outcome.INSTALLED
                : info.state() == PluginState.REJECTED ? Outcome.REJECTED : Outcome.FAILED);
    }

    @Override
    public AdminResult update(String name, Path jar) throws AdminException {
        PluginInfo before = registry.plugin(name).orElseThrow(() -> new AdminException(AdminException.Problem.NOT_FOUND,
                "no plugin is named '" + name + "'"));
        String location = before.location();
        int slash = location.lastIndexOf('/');
        Path target = deploy.resolve(location.substring(slash + 1));
        if (!location.contains("deploy/") || !Files.exists(target)) {
            throw new AdminException(AdminException.Problem.CONFLICT, name + " was not installed from deploy/ and cannot be updated here");
        }
        place(jar, target);
        String oldVersion = before.version();
        PluginInfo info = await(p -> p.location().equals(location) && SETTLED.contains(p.state())
                && !p.version().equals(oldVersion), name);
        return result(info, info.state() == PluginState.ACTIVE ? Outcome.UPDATED : Outcome.FAILED);
    }

    @Override
    public AdminResult uninstall(String name) throws AdminException {
        PluginInfo before = registry.plugin(name).orElseThrow(() -> new AdminException(AdminException.Problem.NOT_FOUND,
                "no plugin is named '" + name + "'"));
        String location = before.location();
        Path target = deploy.resolve(location.substring(location.lastIndexOf('/') + 1));
        try {
            Files.deleteIfExists(target);
        } catch (IOException e) {
            throw new AdminException(AdminException.Problem.UNAVAILABLE, "cannot delete " + target + ": " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (registry.plugins().stream().anyMatch(p -> p.location().equals(location))) {
            pause(deadline, name);
        }
        return new AdminResult(name, before.version(), PluginState.STOPPED, Outcome.UNINSTALLED, List.of());
    }

    private static void place(Path jar, Path target) throws AdminException {
        try {
            Files.createDirectories(target.getParent());
            // the deploy folder watches *.jar: the jar appears whole, under its final name, at once
            Path temp = target.resolveSibling("." + target.getFileName() + ".part");
            Files.copy(jar, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new AdminException(AdminException.Problem.UNAVAILABLE, "cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private PluginInfo await(Predicate<PluginInfo> settled, String what) throws AdminException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<PluginInfo> found = registry.plugins().stream().filter(settled).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            pause(deadline, what);
        }
    }

    private void pause(long deadline, String what) throws AdminException {
        if (System.nanoTime() > deadline) {
            throw new AdminException(AdminException.Problem.UNAVAILABLE, what + " did not settle within " + timeout.toMillis()
                    + " ms; see GET /api/plugins and log/gcommon.log");
        }
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException(AdminException.Problem.UNAVAILABLE, "interrupted while waiting for " + what);
        }
    }

    private static AdminResult result(PluginInfo info, Outcome outcome) {
        return new AdminResult(info.name(), info.version(), info.state(), outcome,
                outcome.succeeded() ? List.of() : info.reasons().isEmpty() ? info.lastError().stream().toList() : info.reasons());
    }
}
