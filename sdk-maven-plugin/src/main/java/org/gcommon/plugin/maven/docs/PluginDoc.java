package org.gcommon.plugin.maven.docs;

import java.util.List;

/**
 * What {@code gcommon:docs} knows about one plugin of a bundle: everything is read from the built jar
 * (manifest, Declarative Services and metatype XML, {@code OSGI-INF/permissions.perm}), none from the
 * sources.
 */
record PluginDoc(String name, String type, String bundleName, String description, String symbolicName,
        String bundleVersion, String component, String configurationPid, List<ConfigKey> configuration,
        List<Permission> permissions, List<ProvidedService> provided, List<UsedService> used, List<Event> published,
        List<Event> consumed, List<HealthState> health, List<ExportedPackage> exports) {

    /** A configuration key from the metatype description. */
    record ConfigKey(String key, String type, String defaultValue, String name, String description, String range) {
    }

    /** One line of {@code OSGI-INF/permissions.perm}, with the comment above it as the reason. */
    record Permission(String type, String name, String actions, String why) {
    }

    /** A service the plugin's component registers. */
    record ProvidedService(String interfaceName, String properties) {
    }

    /** A service the plugin's component uses (a DS reference). */
    record UsedService(String interfaceName, String reference, String cardinality, String policy, String target) {
    }

    /** An event topic with what it means. */
    record Event(String topic, String description) {
    }

    /** A health status the plugin reports, and when. */
    record HealthState(String status, String when) {
    }

    /** An exported package and its version. */
    record ExportedPackage(String name, String version) {
    }
}
