package org.gcommon.plugin.repository.internal;

import java.util.List;

import org.gcommon.plugin.api.admin.AdminResult;

/**
 * What an install, upgrade or uninstall did.
 *
 * @param plan    the bundles it planned to install (empty for an uninstall or when nothing was needed)
 * @param results the runtime's outcome for each bundle it installed, updated or removed, in order
 * @param dryRun  whether only the plan was made
 */
record InstallReport(List<PlanStep> plan, List<AdminResult> results, boolean dryRun) {

    InstallReport {
        plan = List.copyOf(plan);
        results = List.copyOf(results);
    }

    /** @return whether every step did what was asked */
    boolean succeeded() {
        return results.stream().allMatch(r -> r.outcome().succeeded());
    }
}
