package org.gcommon.plugin.itests;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.PluginException;
import org.gcommon.plugin.api.event.PluginEvent;
import org.gcommon.plugin.api.event.PluginEvents;

/**
 * A plugin that talks over the plugin event bus: in {@code start} it takes its {@link PluginEvents}
 * from the context and subscribes to the topic filters it was made with, recording every event it
 * receives. The test publishes through {@link #bus()} as the plugin's own code would.
 */
public class EventBusPlugin extends RecordingPlugin {

    private final List<String> topicFilters;
    private final List<PluginEvent> received = new CopyOnWriteArrayList<>();
    private volatile PluginEvents bus;

    /**
     * @param name the plugin's name
     * @param topicFilters what it subscribes to when it starts
     */
    public EventBusPlugin(String name, String... topicFilters) {
        super(name);
        this.topicFilters = List.of(topicFilters);
    }

    @Override
    public void start(PluginContext context) throws PluginException {
        super.start(context);
        bus = context.events();
        for (String filter : topicFilters) {
            bus.subscribe(filter, received::add);
        }
    }

    /** @return the event bus the plugin got in its latest {@code start} */
    public PluginEvents bus() {
        return bus;
    }

    /** @return every event received so far, in order of arrival */
    public List<PluginEvent> received() {
        return List.copyOf(received);
    }

    /** @return the topics of the events received so far, in order of arrival */
    public List<String> receivedTopics() {
        return received.stream().map(PluginEvent::topic).toList();
    }
}
