package org.gcommon.plugin.manager.internal;

import java.util.Collection;

/** Registered by the deploy folder inside this bundle, read by the registry to list refused archives. */
interface DeployReport {

    /** @return the current problems, one per archive */
    Collection<ArtifactProblem> problems();
}
