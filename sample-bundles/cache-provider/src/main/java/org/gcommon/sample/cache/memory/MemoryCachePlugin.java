package org.gcommon.sample.cache.memory;

import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.PluginException;
import org.gcommon.plugin.api.ProviderPlugin;
import org.gcommon.sample.cache.api.Cache;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code memory-cache} provider plugin: an in-memory {@link Cache} configured by
 * {@code ttl.seconds} and {@code max.entries}. Each start begins with an empty cache, and a
 * configuration change (stop, initialize, start) empties it too.
 *
 * <p>Registered as {@link ProviderPlugin} as well as {@link Plugin} so that tools looking for
 * providers find it by its service interface.
 */
@Component(service = { Plugin.class, ProviderPlugin.class })
public class MemoryCachePlugin implements ProviderPlugin<Cache> {

    static final String NAME = "memory-cache";
    static final String VERSION = "1.0.0";

    private final InstantSource clock;
    private volatile CacheSettings settings = CacheSettings.DEFAULTS;
    private volatile MemoryCache cache;

    /** The component constructor: real time. */
    public MemoryCachePlugin() {
        this(InstantSource.system());
    }

    /** @param clock the time source of expiry; tests pass one they move themselves */
    MemoryCachePlugin(InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public void initialize(Map<String, Object> config) throws PluginException {
        settings = CacheSettings.from(config);
    }

    @Override
    public void start(PluginContext context) throws PluginException {
        CacheSettings current = settings;
        cache = new MemoryCache(current, clock);
        context.logger().info("{} serves a cache of at most {} entries, entries live {} s", NAME,
                current.maxEntries(), current.ttl().toSeconds());
    }

    @Override
    public void stop(PluginContext context) throws PluginException {
        MemoryCache stopped = cache;
        cache = null;
        if (stopped != null) {
            stopped.clear();
        }
    }

    @Override
    public HealthStatus health() {
        MemoryCache current = cache;
        if (current == null) {
            return HealthStatus.unknown("not started");
        }
        CacheSettings configured = current.settings();
        CacheStats stats = current.stats();
        return HealthStatus.healthy(stats.entries() + " of at most " + configured.maxEntries() + " entries")
                .withDetail("entries", stats.entries())
                .withDetail("maxEntries", configured.maxEntries())
                .withDetail("ttlSeconds", configured.ttl().toSeconds())
                .withDetail("hits", stats.hits())
                .withDetail("misses", stats.misses())
                .withDetail("evictions", stats.evictions())
                .withDetail("expirations", stats.expirations());
    }

    @Override
    public Class<Cache> providerType() {
        return Cache.class;
    }

    @Override
    public Cache provider() {
        MemoryCache current = cache;
        if (current == null) {
            throw new IllegalStateException(NAME + " is not started: get the Cache from the PluginRegistry "
                    + "(provider or providerProxy) when you use it instead of keeping this instance");
        }
        return current;
    }
}
