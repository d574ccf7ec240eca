package org.gcommon.plugin.repository.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.osgi.resource.Capability;
import org.osgi.resource.Requirement;
import org.osgi.resource.Resource;

import aQute.bnd.osgi.repository.ResourcesRepository;

/**
 * Everything the configured repositories offer, read once and then kept until the configuration
 * changes or a refresh is asked for. A bundle offered by two repositories (same symbolic name and
 * version) is listed once, from the first repository configured.
 */
final class Catalog {

    /** Newest first: the order versions are listed and tried in. */
    static final Comparator<CatalogEntry> NEWEST_FIRST = Comparator.comparing(CatalogEntry::name)
            .thenComparing(CatalogEntry::version, Comparator.reverseOrder());

    private final List<CatalogEntry> entries;
    private final Map<Resource, CatalogEntry> byResource = new IdentityHashMap<>();
    private final ResourcesRepository repository;
    private final List<String> problems;

    Catalog(List<CatalogEntry> entries, List<String> problems) {
        Map<String, CatalogEntry> unique = new LinkedHashMap<>();
        for (CatalogEntry entry : entries) {
            unique.putIfAbsent(entry.symbolicName() + "@" + entry.version(), entry);
        }
        List<CatalogEntry> sorted = new ArrayList<>(unique.values());
        sorted.sort(NEWEST_FIRST);
        this.entries = List.copyOf(sorted);
        this.problems = List.copyOf(problems);
        List<Resource> resources = new ArrayList<>();
        for (CatalogEntry entry : this.entries) {
            byResource.put(entry.resource(), entry);
            resources.add(entry.resource());
        }
        this.repository = new ResourcesRepository(resources);
    }

    /** @return every entry, by name then newest version first */
    List<CatalogEntry> entries() {
        return entries;
    }

    /** @return repositories that could not be read, one sentence each */
    List<String> problems() {
        return problems;
    }

    /**
     * @param text       matched, ignoring case, against names, symbolic names and descriptions; blank for all
     * @param type       a plugin type to keep, blank for all
     * @param capability a capability namespace, or text matched against capability values (a package,
     *                   a service interface …), blank for all
     * @return the newest version of every matching plugin, by name, followed by its other versions
     */
    List<List<CatalogEntry>> search(String text, String type, String capability) {
        Map<String, List<CatalogEntry>> byName = new LinkedHashMap<>();
        for (CatalogEntry entry : entries) {
            if (matchesText(entry, text) && matchesType(entry, type) && matchesCapability(entry, capability)) {
                byName.computeIfAbsent(entry.name(), n -> new ArrayList<>()).add(entry);
            }
        }
        return new ArrayList<>(byName.values());
    }

    /**
     * @param name a plugin name or symbolic name
     * @return its versions, newest first; empty when no repository offers it
     */
    List<CatalogEntry> versions(String name) {
        List<CatalogEntry> found = new ArrayList<>();
        for (CatalogEntry entry : entries) {
            if (entry.name().equals(name) || entry.symbolicName().equals(name)) {
                found.add(entry);
            }
        }
        return found;
    }

    /** @return the entry of a resource of this catalog */
    Optional<CatalogEntry> entry(Resource resource) {
        return Optional.ofNullable(byResource.get(resource));
    }

    /** @return the capabilities of the repositories' resources that satisfy a requirement */
    Collection<Capability> providers(Requirement requirement) {
        return repository.findProvider(requirement);
    }

    private static boolean matchesText(CatalogEntry entry, String text) {
        if (text == null || text.isBlank()) {
            return true;
        }
        String needle = text.strip().toLowerCase(Locale.ROOT);
        return entry.name().toLowerCase(Locale.ROOT).contains(needle)
                || entry.symbolicName().toLowerCase(Locale.ROOT).contains(needle)
                || entry.description().toLowerCase(Locale.ROOT).contains(needle);
    }

    private static boolean matchesType(CatalogEntry entry, String type) {
        return type == null || type.isBlank() || entry.type().equalsIgnoreCase(type.strip());
    }

    private static boolean matchesCapability(CatalogEntry entry, String capability) {
        if (capability == null || capability.isBlank()) {
            return true;
        }
        String needle = capability.strip();
        for (Capability cap : entry.resource().getCapabilities(null)) {
            if (cap.getNamespace().equals(needle)) {
                return true;
            }
            for (Object value : cap.getAttributes().values()) {
                if (value instanceof Collection<?> values ? values.stream().anyMatch(v -> needle.equals(String.valueOf(v)))
                        : needle.equals(String.valueOf(value))) {
                    return true;
                }
            }
        }
        return false;
    }
}
