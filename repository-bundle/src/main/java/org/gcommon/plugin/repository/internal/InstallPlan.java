package org.gcommon.plugin.repository.internal;

import java.util.List;
import java.util.Objects;

/**
 * What installing a plugin takes: the bundles to fetch and install, each before the bundles that need
 * it (libraries first, the requested plugin last).
 *
 * @param requested     the plugin asked for
 * @param steps         the bundles to install, in order
 * @param resolveMillis how long the resolver took
 */
record InstallPlan(CatalogEntry requested, List<PlanStep> steps, long resolveMillis) {

    InstallPlan {
        Objects.requireNonNull(requested, "requested");
        steps = List.copyOf(steps);
    }

    /** @return the dependencies only */
    List<PlanStep> dependencies() {
        return steps.stream().filter(s -> !s.requested()).toList();
    }
}
