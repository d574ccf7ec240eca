package org.gcommon.plugin.repository.internal;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.osgi.framework.Version;
import org.osgi.resource.Capability;
import org.osgi.resource.Resource;

import aQute.bnd.osgi.resource.ResourceUtils;
import aQute.bnd.osgi.resource.ResourceUtils.ContentCapability;
import aQute.bnd.osgi.resource.ResourceUtils.IdentityCapability;

/**
 * One bundle a repository offers, as an operator sees it.
 *
 * @param name         the plugin name ({@link PluginNamespace}), else the symbolic name
 * @param symbolicName the Bundle-SymbolicName
 * @param version      the bundle version
 * @param type         provider, middleware, extension, integration, generic, or bundle (a library)
 * @param description  the Bundle-Description, or empty
 * @param source       where the jar is fetched from, absolute; {@code null} when the index has no content
 * @param sha256       the jar's SHA-256 in lower-case hex, as the index records it; empty when it has none
 * @param size         the jar's size in bytes as the index records it, {@code -1} when unknown
 * @param repository   the configured repository entry it came from
 * @param resource     the index's resource: its capabilities and requirements
 */
record CatalogEntry(String name, String symbolicName, Version version, String type, String description, URI source,
        String sha256, long size, String repository, Resource resource) {

    CatalogEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(symbolicName, "symbolicName");
        Objects.requireNonNull(version, "version");
    }

    /**
     * @param resource   a resource of an index
     * @param repository the configured repository entry
     * @return the entry, or {@code null} for a resource that is not a bundle (nothing to install)
     */
    static CatalogEntry of(Resource resource, String repository) {
        IdentityCapability identity = ResourceUtils.getIdentityCapability(resource);
        if (identity == null || !"osgi.bundle".equals(identity.getAttributes().get("type"))) {
            return null;
        }
        String symbolicName = identity.osgi_identity();
        Version version = Version.parseVersion(identity.version().toString());
        String name = symbolicName;
        String type = PluginNamespace.LIBRARY_TYPE;
        List<Capability> plugin = resource.getCapabilities(PluginNamespace.NAMESPACE);
        if (!plugin.isEmpty()) {
            Object declared = plugin.get(0).getAttributes().get(PluginNamespace.NAMESPACE);
            if (declared != null && !declared.toString().isBlank()) {
                name = declared.toString().strip();
            }
            Object declaredType = plugin.get(0).getAttributes().get(PluginNamespace.TYPE_ATTRIBUTE);
            if (declaredType != null && !declaredType.toString().isBlank()) {
                type = declaredType.toString().strip().toLowerCase(Locale.ROOT);
            }
        }
        Object description = identity.getAttributes().get("description");
        ContentCapability content = ResourceUtils.getContentCapability(resource);
        URI source = content == null ? null : content.url();
        String sha = content == null || content.osgi_content() == null ? "" : content.osgi_content().toLowerCase(Locale.ROOT);
        long size = content == null ? -1 : content.size();
        return new CatalogEntry(name, symbolicName, version, type, description == null ? "" : description.toString(),
                source, sha, size, repository, resource);
    }

    /** @return {@code name version}, as messages name it */
    String label() {
        return name + " " + version;
    }

    /** @return the name the jar gets in {@code deploy/}: {@code <symbolic name>-<version>.jar} */
    String fileName() {
        return (symbolicName + "-" + version).replaceAll("[^A-Za-z0-9._-]", "_") + ".jar";
    }
}
