package org.gcommon.benchmarks.bundles.events;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.event.PluginEvents;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Publish → delivery through the plugin event bus ({@link PluginEvents}) and, as the baseline, through
 * EventAdmin directly: each op publishes a batch of events (asynchronously, as both APIs do) and returns
 * once the subscriber of the same bundle has received all of them.
 */
public final class Activator implements BundleActivator {

    static final String RAW_TOPIC = "bench/raw/ping";
    static final String PAYLOAD = "ping";

    private ServiceTracker<EventAdmin, EventAdmin> tracker;

    @Override
    public void start(BundleContext context) throws Exception {
        EventsPlugin plugin = new EventsPlugin();
        context.registerService(Plugin.class, plugin, null);

        AtomicLong rawReceived = new AtomicLong();
        Dictionary<String, Object> handlerProps = new Hashtable<>();
        handlerProps.put(EventConstants.EVENT_TOPIC, new String[] { RAW_TOPIC });
        context.registerService(EventHandler.class, event -> {
            if (event.getProperty("payload") != null) {
                rawReceived.incrementAndGet();
            }
        }, handlerProps);
        tracker = new ServiceTracker<>(context, EventAdmin.class, null);
        tracker.open();
        EventAdmin admin = tracker.waitForService(30_000);
        if (admin == null) {
            throw new IllegalStateException("No EventAdmin within 30 s");
        }

        register(context, "events.ready", () -> plugin.events() == null ? 0 : 1);
        AtomicLong pluginSent = new AtomicLong();
        AtomicLong rawSent = new AtomicLong();
        for (int batch : new int[] { 1, 100 }) {
            register(context, "events.plugin." + batch, () -> {
                PluginEvents bus = plugin.events();
                long target = pluginSent.addAndGet(batch);
                for (int i = 0; i < batch; i++) {
                    bus.publish(EventsPlugin.TOPIC, PAYLOAD);
                }
                return awaitCount(plugin.received, target);
            });
            register(context, "events.raw." + batch, () -> {
                long target = rawSent.addAndGet(batch);
                for (int i = 0; i < batch; i++) {
                    admin.postEvent(new Event(RAW_TOPIC, Map.of("payload", PAYLOAD)));
                }
                return awaitCount(rawReceived, target);
            });
        }
    }

    /** Spins until the counter reaches the target: delivery is on EventAdmin's thread. */
    private static int awaitCount(AtomicLong counter, long target) {
        int spins = 0;
        long deadline = 0;
        while (counter.get() < target) {
            Thread.onSpinWait();
            if (++spins == 1 << 20) {
                spins = 0;
                long now = System.nanoTime();
                if (deadline == 0) {
                    deadline = now + 10_000_000_000L;
                } else if (now > deadline) {
                    throw new IllegalStateException("events not delivered within 10 s: " + counter.get() + " of " + target);
                }
            }
        }
        return (int) target;
    }

    private static void register(BundleContext context, String op, IntSupplier call) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("bench.op", op);
        context.registerService(IntSupplier.class, call, props);
    }

    @Override
    public void stop(BundleContext context) {
        tracker.close();
    }
}
