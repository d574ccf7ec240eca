package org.gcommon.plugin.manager.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * One plugin's events on their way to the subscribers: delivered in the order published, on a lane
 * of their own, with at most {@link #CAPACITY} waiting. EventAdmin's own queue for posted events has
 * no bound, so a plugin that publishes faster than its subscribers take events would hold any amount
 * of heap until the whole container runs out of it; here the flooding plugin's own publish fails
 * instead, naming the bound, and every other plugin's events keep flowing.
 */
final class EventOutbox {

    /** Events one plugin may have waiting for delivery; a few MB of heap at most for ordinary payloads. */
    static final int CAPACITY = 10_000;

    private final String pluginName;
    private final SerialLane lane;
    private final int capacity;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();

    EventOutbox(String pluginName, Executor pool, int capacity) {
        this.pluginName = pluginName;
        this.lane = new SerialLane(pool);
        this.capacity = capacity;
    }

    /**
     * @param event the event
     * @param admin who delivers it, synchronously, to every subscriber
     * @throws IllegalStateException when {@code capacity} events of this plugin already wait
     */
    void post(Event event, EventAdmin admin) {
        if (waiting.incrementAndGet() > capacity) {
            waiting.decrementAndGet();
            long count = refused.incrementAndGet();
            throw new IllegalStateException("Plugin '" + pluginName + "' publishes faster than its subscribers take "
                    + "events: " + capacity + " of its events wait for delivery, so " + event.getTopic()
                    + " was not published (" + count + " refused so far); publish less often, or batch several "
                    + "changes in one event");
        }
        lane.execute(() -> {
            try {
                deliver(event, admin);
            } finally {
                waiting.decrementAndGet();
            }
        });
    }

    /** @return how many of this plugin's events wait for delivery now */
    int waiting() {
        return waiting.get();
    }

    @SuppressWarnings("removal")
    private static void deliver(Event event, EventAdmin admin) {
        // The runtime delivers with its own rights: the topic is inside the publishing plugin's namespace by
        // construction, and EventAdmin still checks each subscriber's own topic permission.
        java.security.AccessController.doPrivileged((java.security.PrivilegedAction<Void>) () -> {
            admin.sendEvent(event);
            return null;
        });
    }
}
