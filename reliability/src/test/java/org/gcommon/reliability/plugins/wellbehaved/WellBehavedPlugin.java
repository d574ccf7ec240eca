package org.gcommon.reliability.plugins.wellbehaved;

import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.middleware.Middleware;
import org.gcommon.plugin.api.middleware.MiddlewarePlugin;

/**
 * A middleware that does its job: marks every answer of the default chain with {@code X-Well-Behaved},
 * and sends itself a tick event every 100 ms; its health reports how many ticks came back.
 */
public final class WellBehavedPlugin implements MiddlewarePlugin {

    public static final String NAME = "well-behaved";
    public static final String HEADER = "X-Well-Behaved";

    private final String name;
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong ticksSent = new AtomicLong();
    private final AtomicLong ticksReceived = new AtomicLong();
    private volatile AutoCloseable subscription;
    private volatile java.util.concurrent.Future<?> ticking;

    public WellBehavedPlugin(String name) {
        this.name = name;
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
        // nothing to configure
    }

    @Override
    public void start(PluginContext context) {
        subscription = context.events().subscribe(context.events().ownTopicPrefix() + "tick",
                event -> ticksReceived.incrementAndGet());
        ticking = context.executor().submit(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                context.events().publish("tick", ticksSent.incrementAndGet());
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    @Override
    public void stop(PluginContext context) throws org.gcommon.plugin.api.PluginException {
        if (ticking != null) {
            ticking.cancel(true);
        }
        try {
            if (subscription != null) {
                subscription.close();
            }
        } catch (Exception e) {
            throw new org.gcommon.plugin.api.PluginException("could not end the tick subscription", e);
        }
    }

    @Override
    public HealthStatus health() {
        return HealthStatus.healthy("serving").withDetail("served", served.get()).withDetail("ticks.sent", ticksSent.get())
                .withDetail("ticks.received", ticksReceived.get());
    }

    @Override
    public Middleware middleware() {
        return (exchange, next) -> {
            next.proceed(exchange);
            exchange.response().headers().set(HEADER, Long.toString(served.incrementAndGet()));
        };
    }
}
