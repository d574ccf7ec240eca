package org.gcommon.plugin.repository.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.osgi.resource.Requirement;
import org.osgi.resource.Resource;
import org.osgi.resource.Wire;
import org.osgi.service.resolver.ResolutionException;
import org.osgi.service.resolver.Resolver;

/**
 * Plans installs with the OSGi resolver: which bundles of the repositories a plugin needs besides
 * what runs already, in the order they must be installed. Refuses, before anything changes, a plugin
 * built against another gcommon API, one whose requirements nothing satisfies, and one whose index
 * lacks a download or a checksum.
 */
final class InstallPlanner {

    private final Resolver resolver;

    InstallPlanner(Resolver resolver) {
        this.resolver = resolver;
    }

    /**
     * @param requested the plugin to install
     * @param catalog   the repositories
     * @param installed the running bundles
     * @param replacing symbolic names of running bundles the install replaces (an upgrade's old version)
     * @return the plan
     * @throws RepositoryException when the plugin or something it needs cannot be installed here
     */
    InstallPlan plan(CatalogEntry requested, Catalog catalog, InstalledBundles installed, Set<String> replacing)
            throws RepositoryException {
        ApiCompatibility compatibility = new ApiCompatibility(installed.apiPackages());
        Optional<String> incompatible = compatibility.incompatibility(requested);
        if (incompatible.isPresent()) {
            throw incompatible(incompatible.get());
        }
        PlanningContext context = new PlanningContext(List.of(requested.resource()), installed, catalog, replacing);
        long started = System.nanoTime();
        Map<Resource, List<Wire>> resolution;
        try {
            resolution = resolver.resolve(context);
        } catch (ResolutionException e) {
            throw unresolvable(requested, e);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;

        Map<Resource, CatalogEntry> added = new LinkedHashMap<>();
        for (Resource resource : resolution.keySet()) {
            if (!installed.wirings().containsKey(resource)) {
                CatalogEntry entry = catalog.entry(resource).orElseThrow(() -> new IllegalStateException(
                        "the resolver chose " + resource + ", which is neither running nor in a repository"));
                added.put(resource, entry);
            }
        }
        for (CatalogEntry entry : added.values()) {
            Optional<String> problem = compatibility.incompatibility(entry);
            if (problem.isPresent()) {
                throw incompatible(requested.label() + " needs " + entry.label() + ", which cannot run here: " + problem.get());
            }
            if (entry.source() == null || entry.sha256().isEmpty()) {
                throw new RepositoryException(RepositoryException.Problem.UNAVAILABLE,
                        entry.label() + " in repository '" + entry.repository() + "' has no "
                                + (entry.source() == null ? "download URL" : "SHA-256")
                                + " in its index (osgi.content capability): it cannot be fetched and verified",
                        "regenerate the repository's index.xml with bnd's indexer");
            }
        }

        List<PlanStep> steps = new ArrayList<>();
        Set<Resource> placed = new LinkedHashSet<>();
        for (Resource resource : added.keySet()) {
            place(resource, resolution, added, placed, new LinkedHashSet<>());
        }
        for (Resource resource : placed) {
            CatalogEntry entry = added.get(resource);
            steps.add(new PlanStep(entry, resource == requested.resource() ? PlanStep.REQUESTED : PlanStep.DEPENDENCY));
        }
        return new InstallPlan(requested, steps, millis);
    }

    /** Depth first over the wires: a bundle is placed after the new bundles it is wired to. */
    private static void place(Resource resource, Map<Resource, List<Wire>> resolution, Map<Resource, CatalogEntry> added,
            Set<Resource> placed, Set<Resource> visiting) {
        if (placed.contains(resource) || !visiting.add(resource)) {
            return; // a cycle: its members go in any order, the scanner installs them one by one anyway
        }
        for (Wire wire : resolution.getOrDefault(resource, List.of())) {
            Resource provider = wire.getProvider();
            if (provider != resource && added.containsKey(provider)) {
                place(provider, resolution, added, placed, visiting);
            }
        }
        placed.add(resource);
    }

    static RepositoryException incompatible(String why) {
        return new RepositoryException(RepositoryException.Problem.CONFLICT, why + "; nothing was installed",
                "install a version built for this container's gcommon API (GET /api/repository/plugins/{name} "
                        + "lists the versions and what each requires), or upgrade the container");
    }

    private static RepositoryException unresolvable(CatalogEntry requested, ResolutionException e) {
        String missing = e.getUnresolvedRequirements().stream().map(InstallPlanner::describe)
                .collect(Collectors.joining("; "));
        String why = missing.isEmpty() ? String.valueOf(e.getMessage()) : missing;
        return new RepositoryException(RepositoryException.Problem.CONFLICT,
                requested.label() + " cannot be installed: nothing running and no configured repository satisfies "
                        + why + "; nothing was installed",
                "add a repository that offers it to etc/" + RepositoryConfig.PID + ".cfg, or install what provides it first");
    }

    static String describe(Requirement requirement) {
        String owner = PlanningContext.symbolicName(requirement.getResource());
        String filter = requirement.getDirectives().getOrDefault("filter", "");
        return (owner.isEmpty() ? "" : owner + " requires ") + requirement.getNamespace() + " " + filter;
    }
}
