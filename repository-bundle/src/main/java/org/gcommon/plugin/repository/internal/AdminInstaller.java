package org.gcommon.plugin.repository.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.gcommon.plugin.api.admin.AdminException;
import org.gcommon.plugin.api.admin.AdminResult;
import org.gcommon.plugin.api.admin.PluginAdmin;

/** Installs through the runtime's management service: scanner, sandbox, deploy/ and health-gated updates. */
final class AdminInstaller implements PluginInstaller {

    private final PluginAdmin admin;

    AdminInstaller(PluginAdmin admin) {
        this.admin = admin;
    }

    @Override
    public AdminResult install(String fileName, Path jar) throws AdminException {
        try (InputStream in = Files.newInputStream(jar)) {
            return admin.install(fileName, in);
        } catch (IOException e) {
            throw new AdminException(AdminException.Problem.UNAVAILABLE, "cannot read the fetched " + jar + ": " + e.getMessage(), e);
        }
    }

    @Override
    public AdminResult update(String name, Path jar) throws AdminException {
        try (InputStream in = Files.newInputStream(jar)) {
            return admin.update(name, in);
        } catch (IOException e) {
            throw new AdminException(AdminException.Problem.UNAVAILABLE, "cannot read the fetched " + jar + ": " + e.getMessage(), e);
        }
    }

    @Override
    public AdminResult uninstall(String name) throws AdminException {
        return admin.uninstall(name);
    }
}
