package org.gcommon.plugin.manager.internal;

import java.util.List;

import org.gcommon.plugin.api.admin.AdminEvent;

/** Registered inside this bundle: where management and lifecycle events are recorded and read. */
interface EventJournal {

    /** Event Admin topic prefix of management events: {@code org/gcommon/plugin/ADMIN/<KIND>}. */
    String TOPIC_PREFIX = "org/gcommon/plugin/ADMIN/";

    /**
     * @param plugin  the plugin's listed name
     * @param kind    e.g. INSTALLED, ROLLED_BACK
     * @param message a sentence with the reason where there is one
     */
    void record(String plugin, String kind, String message);

    /** @return at most {@code max} events, newest first */
    List<AdminEvent> recent(int max);
}
