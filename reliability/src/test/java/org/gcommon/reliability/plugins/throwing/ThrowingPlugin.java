package org.gcommon.reliability.plugins.throwing;

import java.util.Map;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.middleware.Middleware;
import org.gcommon.plugin.api.middleware.MiddlewarePlugin;

/**
 * Throws wherever it is called once it runs: in health(), in stop(), in its middleware (on a chain of its
 * own, {@code throwing}, so the default chain's answers stay the well-behaved plugin's), in its event
 * handler, and in a task on its executor. Its start() succeeds, so that everything else gets called.
 */
public final class ThrowingPlugin implements MiddlewarePlugin {

    public static final String NAME = "throws-everywhere";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public String chain() {
        return "throwing";
    }

    @Override
    public void initialize(Map<String, Object> config) {
        // accepts any configuration
    }

    @Override
    public void start(PluginContext context) {
        context.events().subscribe(context.events().ownTopicPrefix() + "*", event -> {
            throw new IllegalStateException("the throwing plugin's event handler throws");
        });
        context.events().publish("boom", "boom");
        context.executor().submit(() -> {
            throw new IllegalStateException("the throwing plugin's background task throws");
        });
        context.executor().execute(() -> {
            throw new IllegalStateException("the throwing plugin's executed task throws");
        });
    }

    @Override
    public void stop(PluginContext context) {
        throw new IllegalStateException("the throwing plugin throws in stop()");
    }

    @Override
    public HealthStatus health() {
        throw new IllegalStateException("the throwing plugin throws in health()");
    }

    @Override
    public Middleware middleware() {
        return (exchange, next) -> {
            throw new IllegalStateException("the throwing plugin's middleware throws");
        };
    }
}
