package org.gcommon.plugin.manager.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.gcommon.plugin.api.admin.LastUpdate;

/** Registered by the deploy folder inside this bundle: what management calls do to {@code deploy/}. */
interface Deployments {

    /** @return the deploy folder, or {@code null} when it is off (no {@code gcommon.home}) */
    Path folder();

    /**
     * Moves a staged jar (a hidden temporary file in the folder) to its name and applies it at once,
     * health-gated when it replaces a running plugin.
     *
     * @param replace whether an existing jar of that name is replaced (an update)
     * @throws java.nio.file.FileAlreadyExistsException when {@code replace} is false and the name is taken
     */
    BundleDeployer.Applied place(Path staged, String fileName, boolean replace) throws IOException;

    /** Deletes a jar from the folder and uninstalls its bundle at once. */
    void remove(String fileName) throws IOException;

    /** @return the last update tried on the bundle at that location */
    Optional<LastUpdate> lastUpdate(String location);

    /** @return the update health window now */
    java.time.Duration updateWindow();
}
