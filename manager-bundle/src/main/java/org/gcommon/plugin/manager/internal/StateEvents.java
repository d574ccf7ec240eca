package org.gcommon.plugin.manager.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.gcommon.plugin.api.PluginConstants;
import org.gcommon.plugin.api.PluginStateEvent;
import org.gcommon.plugin.api.PluginStateListener;

/**
 * Delivers state transitions, in the order they happened, to listeners and as EventAdmin events. One
 * lane for all plugins keeps the global order, and keeps listeners off the plugins' lanes so a slow
 * listener never delays a lifecycle call.
 */
final class StateEvents {

    /** Publishes to EventAdmin (or nowhere, when none is present). */
    interface Publisher {
        void post(String topic, Map<String, Object> properties);
    }

    private final SerialLane lane;
    private final List<PluginStateListener> listeners = new CopyOnWriteArrayList<>();
    private final Consumer<String> errorLog;
    private volatile Publisher publisher = (topic, properties) -> {
    };

    StateEvents(Executor pool, Consumer<String> errorLog) {
        this.lane = new SerialLane(pool);
        this.errorLog = Objects.requireNonNull(errorLog, "errorLog");
    }

    void publisher(Publisher publisher) {
        this.publisher = publisher == null ? (t, p) -> {
        } : publisher;
    }

    AutoCloseable add(PluginStateListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void remove(PluginStateListener listener) {
        listeners.remove(listener);
    }

    void fire(PluginStateEvent event) {
        lane.execute(() -> deliver(event));
    }

    private void deliver(PluginStateEvent event) {
        for (PluginStateListener listener : listeners) {
            try {
                listener.stateChanged(event);
            } catch (RuntimeException e) {
                errorLog.accept("Plugin state listener " + listener.getClass().getName() + " threw on " + event + ": "
                        + TimedCalls.describe(e));
            }
        }
        Map<String, Object> props = new HashMap<>();
        props.put(PluginConstants.EVENT_PLUGIN_NAME, event.pluginName());
        props.put(PluginConstants.EVENT_PLUGIN_VERSION, event.version());
        props.put(PluginConstants.EVENT_TO, event.to().name());
        event.from().ifPresent(f -> props.put(PluginConstants.EVENT_FROM, f.name()));
        event.reason().ifPresent(r -> props.put(PluginConstants.EVENT_REASON, r));
        props.put("timestamp", event.time().toEpochMilli());
        try {
            publisher.post(PluginConstants.TOPIC_STATE + "/" + event.to().name(), props);
        } catch (RuntimeException e) {
            errorLog.accept("Could not publish " + event + ": " + TimedCalls.describe(e));
        }
    }
}
