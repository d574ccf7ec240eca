package org.gcommon.plugin.repository.internal;

/**
 * The capability a plugin bundle declares so that repositories list it under its plugin name and type:
 * {@code Provide-Capability: gcommon.plugin;gcommon.plugin=memory-cache;type=provider} (the samples'
 * and the archetype's {@code bnd.bnd}). Bundles without it are listed under their symbolic name, as a
 * {@code bundle}.
 */
final class PluginNamespace {

    static final String NAMESPACE = "gcommon.plugin";
    static final String TYPE_ATTRIBUTE = "type";
    static final String LIBRARY_TYPE = "bundle";

    private PluginNamespace() {
    }
}
