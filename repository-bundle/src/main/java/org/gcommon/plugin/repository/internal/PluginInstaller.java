package org.gcommon.plugin.repository.internal;

import java.nio.file.Path;

import org.gcommon.plugin.api.admin.AdminException;
import org.gcommon.plugin.api.admin.AdminResult;

/** Hands verified jars to the runtime, which scans, sandboxes, installs and starts them. */
interface PluginInstaller {

    /**
     * @param fileName the jar's name in {@code deploy/}
     * @param jar      the verified jar
     * @return the outcome once known
     */
    AdminResult install(String fileName, Path jar) throws AdminException;

    /**
     * @param name the installed plugin's name
     * @param jar  the verified new version
     * @return the outcome once known (UPDATED, or ROLLED_BACK with the reason)
     */
    AdminResult update(String name, Path jar) throws AdminException;

    /**
     * @param name the installed plugin's name
     * @return the outcome
     */
    AdminResult uninstall(String name) throws AdminException;
}
