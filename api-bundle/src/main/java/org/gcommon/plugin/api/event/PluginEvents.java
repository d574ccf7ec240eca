package org.gcommon.plugin.api.event;

import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A plugin's access to the event bus, from {@link org.gcommon.plugin.api.PluginContext#events()}.
 * Subscriptions end by themselves when the plugin stops.
 */
@ProviderType
public interface PluginEvents {

    /** Prefix of every plugin's own topics: {@code gcommon/plugin/<name>/}. */
    String TOPIC_PREFIX = "gcommon/plugin/";

    /** @return this plugin's topic prefix, {@code gcommon/plugin/<name>/} */
    String ownTopicPrefix();

    /**
     * Publishes asynchronously on one of this plugin's own topics; events of one plugin are delivered in the
     * order it published them.
     *
     * @param topic a topic relative to {@link #ownTopicPrefix()}, e.g. {@code delivered} or
     *        {@code cache/evicted}; letters, digits, {@code _}, {@code -} and {@code /}
     * @param payload any object; subscribers in other bundles can read it only if its type comes
     *        from a package both import (strings, numbers, maps and lists always work)
     * @throws IllegalArgumentException naming the topic, when it is not valid
     * @throws IllegalStateException when this plugin publishes faster than its subscribers take events and
     *         the runtime's bound of waiting events is reached: the event is not published, nothing else is
     *         affected, and publishing works again as soon as the subscribers catch up
     */
    void publish(String topic, Object payload);

    /**
     * Subscribes to events.
     *
     * @param topicFilter a full topic or a prefix ending in {@code *}, e.g. {@code gcommon/plugin/webhook/*}
     *        or {@code org/gcommon/plugin/STATE/*} for plugin state changes
     * @param handler called for each event, on an event thread; it should return quickly
     * @return closing it ends the subscription
     * @throws IllegalArgumentException naming the filter, when it is not valid
     * @throws SecurityException when the sandbox does not allow subscribing to the topic
     */
    AutoCloseable subscribe(String topicFilter, Consumer<PluginEvent> handler);
}
