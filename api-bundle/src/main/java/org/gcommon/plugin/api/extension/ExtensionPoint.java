package org.gcommon.plugin.api.extension;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A named place where plugins may contribute, declared by its host as an OSGi service. The type is
 * the contract contributions implement; it must come from a package both sides import.
 *
 * @param <T> the contribution type
 */
@ConsumerType
public interface ExtensionPoint<T> {

    /** @return the point's name, e.g. {@code gcommon.metrics.exporter}; unique in a container */
    String name();

    /** @return what contributions do, for people listing the points */
    String description();

    /** @return the type every contribution implements */
    Class<T> type();
}
