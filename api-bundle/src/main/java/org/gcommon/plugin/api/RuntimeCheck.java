package org.gcommon.plugin.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A check of the runtime itself (is the sandbox enforced? is the deploy folder writable?), registered
 * as an OSGi service by runtime bundles. {@link HealthService#report()} lists every check that is
 * not HEALTHY in {@link HealthReport#runtimeProblems()} and lowers the aggregate to its status.
 */
@ConsumerType
public interface RuntimeCheck {

    /** @return what is checked, e.g. {@code sandbox} */
    String name();

    /** @return the current result; must answer at once (no I/O that may block) */
    HealthStatus check();
}
