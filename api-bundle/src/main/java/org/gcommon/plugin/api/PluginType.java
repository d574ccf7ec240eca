package org.gcommon.plugin.api;

/** The kind of a plugin, as listed by {@link PluginRegistry} and the management API. */
public enum PluginType {
    /** A {@link ProviderPlugin}: supplies an implementation of a service type. */
    PROVIDER,
    /** Processes requests and responses in a chain. */
    MIDDLEWARE,
    /** Contributes to a named extension point. */
    EXTENSION,
    /** Connects a third-party service. */
    INTEGRATION,
    /** A {@link Plugin} of none of the kinds above. */
    GENERIC,
    /** A bundle deployed as a plugin that registers no {@link Plugin}: managed and sandboxed, no lifecycle calls. */
    BUNDLE,
    /** An archive that could not be read as a bundle (see the reasons). */
    UNKNOWN
}
