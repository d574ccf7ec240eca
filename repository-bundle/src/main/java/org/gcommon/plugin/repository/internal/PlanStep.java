package org.gcommon.plugin.repository.internal;

import java.util.Objects;

/**
 * One bundle an install brings in.
 *
 * @param entry  the bundle, as its repository offers it
 * @param reason {@code requested} for the plugin asked for, {@code dependency} for what it needs
 */
record PlanStep(CatalogEntry entry, String reason) {

    static final String REQUESTED = "requested";
    static final String DEPENDENCY = "dependency";

    PlanStep {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(reason, "reason");
    }

    boolean requested() {
        return REQUESTED.equals(reason);
    }
}
