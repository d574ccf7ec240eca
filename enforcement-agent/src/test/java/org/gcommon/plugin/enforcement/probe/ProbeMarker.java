package org.gcommon.plugin.enforcement.probe;

/** Names the probe's class path entry for the test that starts it. */
public final class ProbeMarker {

    private ProbeMarker() {
    }
}
