package org.gcommon.plugin.sample.requestlogging;

import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.PluginException;
import org.gcommon.plugin.api.middleware.Middleware;
import org.gcommon.plugin.api.middleware.MiddlewarePlugin;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code request-logging} middleware plugin: an {@code X-Request-Id} on every request and response,
 * the time the rest of the chain took in {@code X-Response-Time-Micros}, and one log line per request.
 *
 * <p>Ranking 200 puts it ahead of the other sample middleware (rate-limit has 100), so a request
 * refused with 429 still carries an id and is logged.
 */
@Component(service = { Plugin.class, MiddlewarePlugin.class }, property = "service.ranking:Integer=200")
public final class RequestLoggingPlugin implements MiddlewarePlugin {

    static final String NAME = "request-logging";

    private final LongSupplier nanoTime;
    private final Supplier<String> newId;
    private volatile RequestLoggingConfig config = RequestLoggingConfig.DEFAULTS;
    private volatile RequestLoggingMiddleware middleware;

    /** Used by Declarative Services. */
    public RequestLoggingPlugin() {
        this(System::nanoTime, RequestIds.RANDOM);
    }

    RequestLoggingPlugin(LongSupplier nanoTime, Supplier<String> newId) {
        this.nanoTime = nanoTime;
        this.newId = newId;
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
        this.config = RequestLoggingConfig.from(config);
    }

    @Override
    public void start(PluginContext context) throws PluginException {
        boolean logRequests = config.logRequests();
        middleware = new RequestLoggingMiddleware(logRequests ? context.logger() : null, nanoTime, newId);
        context.logger().info("Request logging started; one line per request is {}", logRequests ? "on" : "off");
    }

    @Override
    public void stop(PluginContext context) {
        middleware = null;
    }

    @Override
    public Middleware middleware() {
        RequestLoggingMiddleware current = middleware;
        if (current == null) {
            throw new IllegalStateException("Plugin '" + NAME + "' is not started: its middleware exists only "
                    + "between start() and stop()");
        }
        return current;
    }

    @Override
    public HealthStatus health() {
        RequestLoggingMiddleware current = middleware;
        if (current == null) {
            return HealthStatus.unknown("not started");
        }
        long requests = current.requests();
        return HealthStatus.healthy(requests + " requests seen; logging " + (config.logRequests() ? "on" : "off"))
                .withDetail("requests", requests)
                .withDetail("log.requests", config.logRequests());
    }
}
