package org.gcommon.reliability.plugins.flood;

import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.Plugin;

/**
 * Floods the event bus: publishes on its own topic as fast as it can from its executor, and subscribes
 * to that topic itself so that every event has to be delivered. Bounded at {@link #MOST} events.
 */
public final class EventFloodPlugin implements Plugin {

    public static final String NAME = "floods-events";
    public static final long MOST = 2_000_000;

    private final AtomicLong published = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private volatile Future<?> flooding;

    @Override
    public String name() {
        return NAME;
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
        context.events().subscribe(context.events().ownTopicPrefix() + "flood", event -> received.incrementAndGet());
        flooding = context.executor().submit(() -> {
            for (long i = 0; i < MOST && !Thread.currentThread().isInterrupted(); i++) {
                try {
                    context.events().publish("flood", i);
                    published.incrementAndGet();
                } catch (RuntimeException e) {
                    refused.incrementAndGet();
                }
            }
        });
    }

    @Override
    public void stop(PluginContext context) {
        if (flooding != null) {
            flooding.cancel(true);
        }
    }

    @Override
    public HealthStatus health() {
        return HealthStatus.healthy("flooding").withDetail("published", published.get()).withDetail("refused", refused.get())
                .withDetail("received", received.get());
    }
}
