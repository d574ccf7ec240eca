package org.gcommon.benchmarks.bundles.events;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.event.PluginEvents;

/** A plugin that publishes on its own topic and subscribes to it through the runtime's event bus. */
final class EventsPlugin implements Plugin {

    static final String TOPIC = "ping";

    final AtomicLong received = new AtomicLong();
    private volatile PluginEvents events;
    private AutoCloseable subscription;

    PluginEvents events() {
        return events;
    }

    @Override
    public String name() {
        return "bench-events";
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
        PluginEvents bus = context.events();
        subscription = bus.subscribe(bus.ownTopicPrefix() + TOPIC, event -> {
            if (event.payload() != null) {
                received.incrementAndGet();
            }
        });
        events = bus;
    }

    @Override
    public void stop(PluginContext context) throws org.gcommon.plugin.api.PluginException {
        events = null;
        try {
            subscription.close();
        } catch (Exception e) {
            throw new org.gcommon.plugin.api.PluginException("could not unsubscribe: " + e, e);
        }
    }

    @Override
    public HealthStatus health() {
        return HealthStatus.healthy(received.get() + " received");
    }
}
