package org.gcommon.plugin.repository.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.resource.Resource;
import org.osgi.resource.Wiring;

/**
 * The container's resolved bundles at one moment, as the resolver's already-wired resources, and the
 * gcommon API versions they export.
 *
 * @param wirings every resolved bundle's revision and its wiring
 */
record InstalledBundles(Map<Resource, Wiring> wirings) {

    InstalledBundles {
        wirings = Map.copyOf(wirings);
    }

    /** @return the resolved bundles of a running framework */
    static InstalledBundles of(BundleContext context) {
        Map<Resource, Wiring> wirings = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            BundleRevision revision = bundle.adapt(BundleRevision.class);
            BundleWiring wiring = revision == null ? null : revision.getWiring();
            if (wiring != null && wiring.isCurrent()) {
                wirings.put(revision, wiring);
            }
        }
        return new InstalledBundles(wirings);
    }

    /** @return the exported {@code org.gcommon.plugin.api…} packages and their versions */
    Map<String, Version> apiPackages() {
        Map<String, Version> packages = new HashMap<>();
        for (Wiring wiring : wirings.values()) {
            for (var capability : wiring.getResourceCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
                Object name = capability.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE);
                Object version = capability.getAttributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE);
                if (name != null && (name.equals(ApiCompatibility.API_PACKAGE)
                        || name.toString().startsWith(ApiCompatibility.API_PACKAGE + "."))
                        && version instanceof Version v) {
                    packages.merge(name.toString(), v, (a, b) -> a.compareTo(b) >= 0 ? a : b);
                }
            }
        }
        return packages;
    }

    /** @return the running bundle with a symbolic name, if resolved */
    Optional<Bundle> bundle(String symbolicName) {
        for (Resource resource : wirings.keySet()) {
            if (resource instanceof BundleRevision revision && symbolicName.equals(revision.getSymbolicName())) {
                return Optional.of(revision.getBundle());
            }
        }
        return Optional.empty();
    }
}
