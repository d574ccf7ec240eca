package org.gcommon.benchmarks.bundles.chain;

import java.util.Map;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.middleware.Middleware;
import org.gcommon.plugin.api.middleware.MiddlewarePlugin;

/** A middleware plugin contributing one {@link Middleware} to the chain {@code bench}. */
final class MiddlewareContribution implements MiddlewarePlugin {

    private final String name;
    private final Middleware middleware;

    MiddlewareContribution(String name, Middleware middleware) {
        this.name = name;
        this.middleware = middleware;
    }

    @Override
    public String chain() {
        return "bench";
    }

    @Override
    public Middleware middleware() {
        return middleware;
    }

    @Override
    public String name() {
        return name;
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
        return HealthStatus.healthy("");
    }
}
