package org.gcommon.plugin.sample.ratelimit;

import java.util.Map;
import java.util.function.LongSupplier;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.PluginException;
import org.gcommon.plugin.api.middleware.Middleware;
import org.gcommon.plugin.api.middleware.MiddlewarePlugin;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code rate-limit} middleware plugin: a token bucket per client key (or one for everybody) and a
 * 429 answer with {@code Retry-After} past the configured rate.
 *
 * <p>Ranking 100: after request-logging (200), so refused requests are still identified and logged.
 */
@Component(service = { Plugin.class, MiddlewarePlugin.class }, property = "service.ranking:Integer=100")
public final class RateLimitPlugin implements MiddlewarePlugin {

    static final String NAME = "rate-limit";

    private final LongSupplier nanoTime;
    private volatile RateLimitConfig config = RateLimitConfig.DEFAULTS;
    private volatile RateLimitMiddleware middleware;

    /** Used by Declarative Services. */
    public RateLimitPlugin() {
        this(System::nanoTime);
    }

    /** @param nanoTime the buckets' clock; tests pass one they move by hand */
    RateLimitPlugin(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

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
        this.config = RateLimitConfig.from(config);
    }

    @Override
    public void start(PluginContext context) {
        // Fresh buckets and counters on each start: a configuration change starts from full buckets.
        middleware = new RateLimitMiddleware(config, nanoTime);
        context.logger().info("Rate limit: {}", config.describe());
    }

    @Override
    public void stop(PluginContext context) {
        middleware = null;
    }

    @Override
    public Middleware middleware() {
        RateLimitMiddleware current = middleware;
        if (current == null) {
            throw new IllegalStateException("Plugin '" + NAME + "' is not started: its middleware exists only "
                    + "between start() and stop()");
        }
        return current;
    }

    @Override
    public HealthStatus health() {
        RateLimitMiddleware current = middleware;
        if (current == null) {
            return HealthStatus.unknown("not started");
        }
        HealthStatus status = HealthStatus.healthy(config.describe() + "; " + current.allowed() + " allowed, "
                + current.limited() + " limited")
                .withDetail("allowed", current.allowed())
                .withDetail("limited", current.limited())
                .withDetail(RateLimitConfig.RATE_PER_SECOND, config.ratePerSecond())
                .withDetail(RateLimitConfig.BURST, config.burst());
        return config.keyHeader().isPresent() ? status.withDetail("keys", current.keys()) : status;
    }
}
