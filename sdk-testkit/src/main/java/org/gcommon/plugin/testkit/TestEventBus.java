package org.gcommon.plugin.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.gcommon.plugin.api.event.PluginEvent;
import org.gcommon.plugin.api.event.PluginEvents;

/**
 * The event bus of a {@link PluginHarness}, in memory. Plugins publish and subscribe through
 * {@link org.gcommon.plugin.api.PluginContext#events()} with the runtime's rules (own topics under
 * {@code gcommon/plugin/<name>/}, the same topic and filter syntax, subscriptions ending when the plugin
 * stops); tests publish as the runtime or as another plugin, listen, and read every event sent.
 *
 * <p>Unlike the container, delivery is synchronous, on the publishing thread, in order: a test sees an
 * event's effect as soon as {@code publish} returns, without waiting. A subscriber of a plugin that
 * throws is logged as an ERROR line of that plugin, as the container logs it, and the others still
 * get the event.
 */
public final class TestEventBus {

    private static final Pattern RELATIVE_TOPIC = Pattern.compile("[A-Za-z0-9_\\-]+(/[A-Za-z0-9_\\-]+)*");
    private static final Pattern FULL_TOPIC = RELATIVE_TOPIC;
    private static final Pattern TOPIC_FILTER = Pattern.compile("\\*|[A-Za-z0-9_\\-]+(/[A-Za-z0-9_\\-]+)*(/\\*)?");

    private record Subscription(String owner, String filter, Consumer<PluginEvent> handler, RecordingLogger logger) {
    }

    private final List<PluginEvent> sent = new CopyOnWriteArrayList<>();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    TestEventBus() {
    }

    /**
     * Publishes an event as the runtime or as another plugin would: every matching subscription of a
     * plugin under test receives it before this method returns.
     *
     * @param topic the full topic, e.g. {@code gcommon/plugin/other/changed} or {@code org/gcommon/plugin/STATE/ACTIVE}
     * @param publisher the name of the publishing plugin, e.g. {@code other} ({@code runtime} for the runtime)
     * @param payload the payload, may be {@code null}
     * @return the event as delivered
     * @throws IllegalArgumentException naming the topic, when it is not a valid topic
     */
    public PluginEvent publish(String topic, String publisher, Object payload) {
        if (topic == null || !FULL_TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("Invalid topic '" + topic + "': use letters, digits, '_', '-' and '/', "
                    + "e.g. gcommon/plugin/other/changed");
        }
        PluginEvent event = new PluginEvent(topic, Objects.requireNonNull(publisher, "publisher"), Instant.now(), payload);
        deliver(event);
        return event;
    }

    /**
     * Listens to events as a test; the handler runs on the publishing thread.
     *
     * @param topicFilter a full topic, a prefix ending in {@code /*}, or {@code *}
     * @param handler called for each matching event
     * @return closing it ends the subscription
     */
    public AutoCloseable subscribe(String topicFilter, Consumer<PluginEvent> handler) {
        Subscription s = new Subscription(null, requireFilter(topicFilter), Objects.requireNonNull(handler, "handler"), null);
        subscriptions.add(s);
        return () -> subscriptions.remove(s);
    }

    /** @return every event sent on the bus so far (by plugins, the harness and tests), in order */
    public List<PluginEvent> events() {
        return List.copyOf(sent);
    }

    /**
     * @param topicFilter a full topic, a prefix ending in {@code /*}, or {@code *}
     * @return the events sent so far whose topic matches, in order
     */
    public List<PluginEvent> events(String topicFilter) {
        String filter = requireFilter(topicFilter);
        return sent.stream().filter(e -> matches(filter, e.topic())).toList();
    }

    /**
     * @param pluginName a plugin's name
     * @return the events the plugin published, in order
     */
    public List<PluginEvent> publishedBy(String pluginName) {
        return sent.stream().filter(e -> e.publisher().equals(pluginName)
                && e.topic().startsWith(PluginEvents.TOPIC_PREFIX + pluginName + "/")).toList();
    }

    /** The view of one plugin, handed out as {@link org.gcommon.plugin.api.PluginContext#events()}. */
    PluginEvents forPlugin(String pluginName, RecordingLogger logger) {
        return new PluginEvents() {
            @Override
            public String ownTopicPrefix() {
                return PluginEvents.TOPIC_PREFIX + pluginName + "/";
            }

            @Override
            public void publish(String topic, Object payload) {
                if (topic == null || !RELATIVE_TOPIC.matcher(topic).matches()) {
                    throw new IllegalArgumentException("Plugin '" + pluginName + "' cannot publish on topic '" + topic
                            + "': use a topic relative to " + ownTopicPrefix()
                            + " made of letters, digits, '_', '-' and '/' (e.g. 'cache/evicted')");
                }
                deliver(new PluginEvent(ownTopicPrefix() + topic, pluginName, Instant.now(), payload));
            }

            @Override
            public AutoCloseable subscribe(String topicFilter, Consumer<PluginEvent> handler) {
                Subscription s = new Subscription(pluginName, requireFilter(topicFilter),
                        Objects.requireNonNull(handler, "handler"), logger);
                subscriptions.add(s);
                return () -> subscriptions.remove(s);
            }
        };
    }

    /** Ends the subscriptions of a plugin, as the runtime does when the plugin stops. */
    void endSubscriptionsOf(String pluginName) {
        subscriptions.removeIf(s -> pluginName.equals(s.owner()));
    }

    /** @return the number of subscriptions a plugin holds now */
    int subscriptionsOf(String pluginName) {
        return (int) subscriptions.stream().filter(s -> pluginName.equals(s.owner())).count();
    }

    void deliver(PluginEvent event) {
        sent.add(event);
        List<Subscription> matching = new ArrayList<>();
        for (Subscription s : subscriptions) {
            if (matches(s.filter(), event.topic())) {
                matching.add(s);
            }
        }
        for (Subscription s : matching) {
            if (s.owner() == null) {
                s.handler().accept(event);
                continue;
            }
            try {
                s.handler().accept(event);
            } catch (RuntimeException e) {
                s.logger().error("Event handler of plugin '{}' failed on {}: {}", s.owner(), event.topic(), e.toString(), e);
            }
        }
    }

    static String requireFilter(String filter) {
        if (filter == null || !TOPIC_FILTER.matcher(filter).matches()) {
            throw new IllegalArgumentException("Invalid topic filter '" + filter + "': use a full topic such as "
                    + "gcommon/plugin/webhook/delivered, or a prefix ending in /* such as gcommon/plugin/webhook/*");
        }
        return filter;
    }

    static boolean matches(String filter, String topic) {
        if (filter.equals("*")) {
            return true;
        }
        if (filter.endsWith("/*")) {
            return topic.startsWith(filter.substring(0, filter.length() - 1));
        }
        return filter.equals(topic);
    }
}
