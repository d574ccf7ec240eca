package org.gcommon.plugin.repository.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.namespace.IdentityNamespace;
import org.osgi.resource.Capability;
import org.osgi.resource.Requirement;
import org.osgi.resource.Resource;
import org.osgi.resource.Wiring;
import org.osgi.service.resolver.HostedCapability;
import org.osgi.service.resolver.ResolveContext;

/**
 * What the resolver sees when it plans an install: the running bundles (already resolved, preferred
 * as providers so nothing is installed twice) and then the repositories' bundles, newest version
 * first. Bundles being replaced by an upgrade are left out, so the plan does not lean on what is about
 * to go.
 */
final class PlanningContext extends ResolveContext {

    private static final Comparator<Capability> NEWEST_RESOURCE_FIRST = Comparator.comparing(
            (Capability c) -> org.osgi.framework.Version.parseVersion(String.valueOf(identityVersion(c.getResource()))),
            Comparator.reverseOrder());

    private final List<Resource> mandatory;
    private final InstalledBundles installed;
    private final Catalog catalog;
    private final Set<String> replacing;
    private final Set<String> installedIdentities = new HashSet<>();

    /**
     * @param mandatory the bundles asked for
     * @param installed the running bundles
     * @param catalog   the repositories
     * @param replacing symbolic names of running bundles an upgrade replaces
     */
    PlanningContext(List<Resource> mandatory, InstalledBundles installed, Catalog catalog, Set<String> replacing) {
        this.mandatory = List.copyOf(mandatory);
        this.installed = installed;
        this.catalog = catalog;
        this.replacing = Set.copyOf(replacing);
        for (Resource resource : installed.wirings().keySet()) {
            installedIdentities.add(identity(resource));
        }
    }

    @Override
    public Collection<Resource> getMandatoryResources() {
        return mandatory;
    }

    @Override
    public List<Capability> findProviders(Requirement requirement) {
        List<Capability> providers = new ArrayList<>();
        for (Map.Entry<Resource, Wiring> running : installed.wirings().entrySet()) {
            if (replacing.contains(symbolicName(running.getKey()))) {
                continue;
            }
            for (Capability capability : running.getValue().getResourceCapabilities(requirement.getNamespace())) {
                if (RequirementFilter.matches(requirement, capability)) {
                    providers.add(capability);
                }
            }
        }
        List<Capability> offered = new ArrayList<>();
        for (Capability capability : catalog.providers(requirement)) {
            Resource resource = capability.getResource();
            boolean asked = mandatory.contains(resource);
            if (!asked && (installedIdentities.contains(identity(resource)) || replacing.contains(symbolicName(resource)))) {
                continue;
            }
            offered.add(capability);
        }
        offered.sort(NEWEST_RESOURCE_FIRST);
        providers.addAll(offered);
        return providers;
    }

    @Override
    public int insertHostedCapability(List<Capability> capabilities, HostedCapability hostedCapability) {
        capabilities.add(hostedCapability);
        return capabilities.size() - 1;
    }

    @Override
    public boolean isEffective(Requirement requirement) {
        String effective = requirement.getDirectives().get("effective");
        return effective == null || "resolve".equals(effective);
    }

    @Override
    public Map<Resource, Wiring> getWirings() {
        return installed.wirings();
    }

    static String symbolicName(Resource resource) {
        for (Capability identity : resource.getCapabilities(IdentityNamespace.IDENTITY_NAMESPACE)) {
            return String.valueOf(identity.getAttributes().get(IdentityNamespace.IDENTITY_NAMESPACE));
        }
        return "";
    }

    private static Object identityVersion(Resource resource) {
        for (Capability identity : resource.getCapabilities(IdentityNamespace.IDENTITY_NAMESPACE)) {
            Object version = identity.getAttributes().get(IdentityNamespace.CAPABILITY_VERSION_ATTRIBUTE);
            return version == null ? "0" : version;
        }
        return "0";
    }

    private static String identity(Resource resource) {
        return symbolicName(resource) + "@" + org.osgi.framework.Version.parseVersion(String.valueOf(identityVersion(resource)));
    }
}
