package org.gcommon.plugin.manager.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every plugin service the runtime knows, by service id while registered and by name once named. A
 * plugin whose service went away stays listed under its name (STOPPED) until its bundle is
 * uninstalled or a new service takes the name.
 */
final class PluginTable {

    private final Map<Long, ManagedPlugin> registered = new ConcurrentHashMap<>();
    private final Map<String, ManagedPlugin> named = new ConcurrentHashMap<>();
    private final Map<Long, String> unnamedListing = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    /** @return a number that changes whenever any plugin changes state or health class */
    long generation() {
        return generation.get();
    }

    void changed() {
        generation.incrementAndGet();
    }

    void register(ManagedPlugin plugin) {
        registered.put(plugin.origin.serviceId(), plugin);
    }

    ManagedPlugin unregister(long serviceId) {
        unnamedListing.remove(serviceId);
        return registered.remove(serviceId);
    }

    ManagedPlugin get(long serviceId) {
        return registered.get(serviceId);
    }

    boolean isRegistered(ManagedPlugin plugin) {
        return registered.get(plugin.origin.serviceId()) == plugin;
    }

    /**
     * Gives a name to a plugin unless a registered plugin already holds it.
     *
     * @return the plugin that holds the name afterwards
     */
    ManagedPlugin claim(String name, ManagedPlugin plugin) {
        return named.compute(name, (n, holder) -> holder == null || holder == plugin || !isRegistered(holder) ? plugin
                : holder);
    }

    /** Lists a plugin that could not take a name of its own under a stand-in name. */
    void listUnder(String standInName, ManagedPlugin plugin) {
        unnamedListing.put(plugin.origin.serviceId(), standInName);
    }

    ManagedPlugin byName(String name) {
        return named.get(name);
    }

    Collection<ManagedPlugin> registered() {
        return registered.values();
    }

    /** Forgets the retired plugins of an uninstalled bundle. */
    void forgetBundle(long bundleId) {
        named.values().removeIf(p -> p.origin.bundleId() == bundleId && !isRegistered(p));
    }

    /** @return the listed name of every plugin: its own name, or a stand-in for those that could not take one */
    List<Map.Entry<String, ManagedPlugin>> listing() {
        List<Map.Entry<String, ManagedPlugin>> out = new ArrayList<>();
        named.forEach((name, p) -> out.add(Map.entry(name, p)));
        unnamedListing.forEach((serviceId, name) -> {
            ManagedPlugin p = registered.get(serviceId);
            if (p != null) {
                out.add(Map.entry(name, p));
            }
        });
        return out;
    }

    /** @return whether any plugin is listed under the name */
    ManagedPlugin listed(String name) {
        ManagedPlugin p = named.get(name);
        if (p != null) {
            return p;
        }
        for (Map.Entry<Long, String> e : unnamedListing.entrySet()) {
            if (e.getValue().equals(name)) {
                return registered.get(e.getKey());
            }
        }
        return null;
    }
}
