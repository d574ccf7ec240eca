package org.gcommon.plugin.api.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** An event received from the bus: its full topic, who published it, when, and its payload. Immutable. */
public final class PluginEvent {

    private final String topic;
    private final String publisher;
    private final Instant time;
    private final Object payload;

    /**
     * @param topic the full topic
     * @param publisher the publishing plugin's name
     * @param time when it was published
     * @param payload the payload, may be {@code null}
     */
    public PluginEvent(String topic, String publisher, Instant time, Object payload) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.time = Objects.requireNonNull(time, "time");
        this.payload = payload;
    }

    /** @return the full topic, e.g. {@code gcommon/plugin/webhook/delivered} */
    public String topic() {
        return topic;
    }

    /** @return the name of the plugin that published the event */
    public String publisher() {
        return publisher;
    }

    /** @return when the event was published */
    public Instant time() {
        return time;
    }

    /** @return the payload as sent, may be {@code null} */
    public Object payload() {
        return payload;
    }

    /**
     * @param <T> the expected payload type
     * @param type the expected payload type
     * @return the payload if it is of that type
     */
    public <T> Optional<T> payload(Class<T> type) {
        return type.isInstance(payload) ? Optional.of(type.cast(payload)) : Optional.empty();
    }

    @Override
    public String toString() {
        return topic + " from " + publisher + " at " + time;
    }
}
