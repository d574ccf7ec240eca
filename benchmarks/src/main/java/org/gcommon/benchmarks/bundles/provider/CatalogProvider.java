package org.gcommon.benchmarks.bundles.provider;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.gcommon.benchmarks.bundles.spi.Catalog;
import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.ProviderPlugin;

/** A provider plugin of {@link Catalog}: an in-memory map, like the memory-cache sample's get path. */
public final class CatalogProvider implements ProviderPlugin<Catalog>, Catalog {

    private final Map<String, String> entries = new ConcurrentHashMap<>();

    public CatalogProvider() {
        for (int i = 0; i < 100; i++) {
            entries.put("k" + i, "value-" + i);
        }
    }

    @Override
    public String find(String key) {
        return entries.get(key);
    }

    @Override
    public Class<Catalog> providerType() {
        return Catalog.class;
    }

    @Override
    public Catalog provider() {
        return this;
    }

    @Override
    public String name() {
        return "bench-catalog";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public void initialize(Map<String, Object> config) {
    }

    @Override
    public void start(PluginContext context) {
    }

    @Override
    public void stop(PluginContext context) {
    }

    @Override
    public HealthStatus health() {
        return HealthStatus.healthy(entries.size() + " entries");
    }
}
