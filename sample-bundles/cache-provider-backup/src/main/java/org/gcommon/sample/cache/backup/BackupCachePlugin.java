package org.gcommon.sample.cache.backup;

import java.util.Map;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.PluginException;
import org.gcommon.plugin.api.ProviderPlugin;
import org.gcommon.sample.cache.api.Cache;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code backup-cache} provider plugin: a second provider of the {@link Cache} SPI that the
 * memory-cache sample exports, there to take over when memory-cache is not available.
 *
 * <p>The registry picks the active provider with the highest service ranking (then the highest
 * version). memory-cache has the default ranking 0; this one has -10, so it is chosen only while
 * memory-cache is stopped, failed or UNHEALTHY, and callers holding
 * {@code registry.providerProxy(Cache.class)} move back to memory-cache as soon as it is active again.
 */
@Component(service = { Plugin.class, ProviderPlugin.class }, property = "service.ranking:Integer=-10")
public final class BackupCachePlugin implements ProviderPlugin<Cache> {

    static final String NAME = "backup-cache";

    private volatile BackupCacheSettings settings = BackupCacheSettings.DEFAULTS;
    private volatile MapCache cache;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public void initialize(Map<String, Object> config) throws PluginException {
        settings = BackupCacheSettings.from(config);
    }

    @Override
    public void start(PluginContext context) {
        cache = new MapCache(settings.maxEntries());
        context.logger().info("{} stands by for memory-cache: at most {} entries, no expiry", NAME,
                settings.maxEntries());
    }

    @Override
    public void stop(PluginContext context) {
        MapCache stopped = cache;
        cache = null;
        if (stopped != null) {
            stopped.clear();
        }
    }

    @Override
    public Class<Cache> providerType() {
        return Cache.class;
    }

    @Override
    public Cache provider() {
        MapCache current = cache;
        if (current == null) {
            throw new IllegalStateException(NAME + " is not started: get the Cache from the PluginRegistry "
                    + "(provider or providerProxy) when you use it instead of keeping this instance");
        }
        return current;
    }

    @Override
    public HealthStatus health() {
        MapCache current = cache;
        if (current == null) {
            return HealthStatus.unknown("not started");
        }
        return HealthStatus.healthy(current.size() + " of at most " + current.maxEntries() + " entries, no expiry")
                .withDetail("entries", current.size())
                .withDetail("maxEntries", current.maxEntries())
                .withDetail("hits", current.hits())
                .withDetail("misses", current.misses())
                .withDetail("evictions", current.evictions());
    }
}
