package org.gcommon.plugin.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives every plugin state transition, in order per plugin. Register it as an OSGi service
 * (whiteboard) or through {@link PluginRegistry#addStateListener(PluginStateListener)}.
 *
 * <p>Called on a runtime thread, never while a lifecycle call is running: return quickly. A
 * listener that throws is logged and keeps receiving events.
 */
@ConsumerType
@FunctionalInterface
public interface PluginStateListener {

    /** @param event the transition */
    void stateChanged(PluginStateEvent event);
}
