package org.gcommon.plugin.sample.webhook;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.gcommon.plugin.api.PluginConstants;
import org.gcommon.plugin.api.event.PluginEvent;
import org.gcommon.plugin.api.event.PluginEvents;

/**
 * An in-memory event bus with the runtime's topic rules: a filter is a full topic, {@code *}, or a
 * prefix ending in {@code /*}; state changes carry the same properties as the runtime's.
 */
final class TestEvents implements PluginEvents {

    /** When the test's events happened: fixed, so that JSON bodies can be compared whole. */
    static final Instant TIME = Instant.parse("2026-11-25T21:00:00Z");

    record Published(String topic, Object payload) {
    }

    private record Subscription(String filter, Consumer<PluginEvent> handler) {
    }

    final List<Published> published = new CopyOnWriteArrayList<>();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    @Override
    public String ownTopicPrefix() {
        return TOPIC_PREFIX + WebhookPlugin.NAME + "/";
    }

    @Override
    public void publish(String topic, Object payload) {
        String full = ownTopicPrefix() + topic;
        published.add(new Published(full, payload));
        fire(full, WebhookPlugin.NAME, payload);
    }

    @Override
    public AutoCloseable subscribe(String topicFilter, Consumer<PluginEvent> handler) {
        Subscription subscription = new Subscription(topicFilter, handler);
        subscriptions.add(subscription);
        return () -> subscriptions.remove(subscription);
    }

    /** A plugin state change, as the runtime publishes it on {@code org/gcommon/plugin/STATE/<to>}. */
    void stateChange(String plugin, String from, String to, String reason) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(PluginConstants.EVENT_PLUGIN_NAME, plugin);
        properties.put(PluginConstants.EVENT_PLUGIN_VERSION, "1.0.0");
        properties.put(PluginConstants.EVENT_TO, to);
        if (from != null) {
            properties.put(PluginConstants.EVENT_FROM, from);
        }
        if (reason != null) {
            properties.put(PluginConstants.EVENT_REASON, reason);
        }
        properties.put("timestamp", TIME.toEpochMilli());
        fire(PluginConstants.TOPIC_STATE + "/" + to, plugin, Map.copyOf(properties));
    }

    void fire(String topic, String publisher, Object payload) {
        for (Subscription s : subscriptions) {
            if (matches(s.filter(), topic)) {
                s.handler().accept(new PluginEvent(topic, publisher, TIME, payload));
            }
        }
    }

    List<String> filters() {
        return subscriptions.stream().map(Subscription::filter).toList();
    }

    private static boolean matches(String filter, String topic) {
        if (filter.equals("*") || filter.equals(topic)) {
            return true;
        }
        return filter.endsWith("/*") && topic.startsWith(filter.substring(0, filter.length() - 1));
    }
}
