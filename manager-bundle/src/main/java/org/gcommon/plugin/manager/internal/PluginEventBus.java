package org.gcommon.plugin.manager.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.gcommon.plugin.api.PluginConstants;
import org.gcommon.plugin.api.event.PluginEvent;
import org.gcommon.plugin.api.event.PluginEvents;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.event.TopicPermission;

/**
 * The plugins' event bus over EventAdmin. Subscriptions are registered as EventHandler services in
 * the subscribing plugin's own bundle context, so the framework checks that plugin's service and
 * topic permissions, and removes them if the bundle stops without unsubscribing.
 */
final class PluginEventBus {

    static final String PAYLOAD = "payload";
    static final String PUBLISHER = "publisher";

    private static final Pattern RELATIVE_TOPIC = Pattern.compile("[A-Za-z0-9_\\-]+(/[A-Za-z0-9_\\-]+)*");
    private static final Pattern TOPIC_FILTER = Pattern.compile("\\*|[A-Za-z0-9_\\-]+(/[A-Za-z0-9_\\-]+)*(/\\*)?");

    private final BundleContext runtimeContext;
    private final Supplier<EventAdmin> eventAdmin;
    private final java.util.concurrent.Executor deliveries;

    /**
     * @param deliveries the threads that deliver the plugins' events, each plugin's on a lane of its own
     *                   (see {@link EventOutbox})
     */
    PluginEventBus(BundleContext runtimeContext, Supplier<EventAdmin> eventAdmin, java.util.concurrent.Executor deliveries) {
        this.runtimeContext = runtimeContext;
        this.eventAdmin = eventAdmin;
        this.deliveries = deliveries;
    }

    Handle open(String pluginName, long bundleId) {
        return new Handle(pluginName, bundleId);
    }

    static String requireTopic(String pluginName, String topic) {
        if (topic == null || !RELATIVE_TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("Plugin '" + pluginName + "' cannot publish on topic '" + topic
                    + "': use a topic relative to " + PluginEvents.TOPIC_PREFIX + pluginName
                    + "/ made of letters, digits, '_', '-' and '/' (e.g. 'cache/evicted')");
        }
        return PluginEvents.TOPIC_PREFIX + pluginName + "/" + topic;
    }

    static String requireFilter(String filter) {
        if (filter == null || !TOPIC_FILTER.matcher(filter).matches()) {
            throw new IllegalArgumentException("Invalid topic filter '" + filter + "': use a full topic such as "
                    + "gcommon/plugin/webhook/delivered, or a prefix ending in /* such as gcommon/plugin/webhook/*");
        }
        return filter;
    }

    static PluginEvent toPluginEvent(Event event) {
        Object publisher = event.getProperty(PUBLISHER);
        if (publisher == null) {
            publisher = event.getProperty(PluginConstants.EVENT_PLUGIN_NAME);
        }
        Object time = event.getProperty(EventConstants.TIMESTAMP);
        Object payload = event.getProperty(PAYLOAD);
        if (payload == null && !event.containsProperty(PAYLOAD)) {
            Map<String, Object> props = new HashMap<>();
            for (String name : event.getPropertyNames()) {
                if (!EventConstants.EVENT_TOPIC.equals(name)) {
                    props.put(name, event.getProperty(name));
                }
            }
            payload = Map.copyOf(props);
        }
        return new PluginEvent(event.getTopic(), publisher == null ? "runtime" : publisher.toString(),
                time instanceof Long l ? Instant.ofEpochMilli(l) : Instant.now(), payload);
    }

    /** One plugin's view of the bus, handed out as {@link PluginEvents}. */
    final class Handle implements PluginEvents, AutoCloseable {

        private final String pluginName;
        private final long bundleId;
        private final List<ServiceRegistration<EventHandler>> subscriptions = new ArrayList<>();
        private final EventOutbox outbox;

        private Handle(String pluginName, long bundleId) {
            this.pluginName = pluginName;
            this.bundleId = bundleId;
            this.outbox = new EventOutbox(pluginName, deliveries, EventOutbox.CAPACITY);
        }

        /**
         * Event topics hold letters, digits, '_' and '-' only, so a plugin whose name has a '.' (valid as a plugin
         * name) has no own topics; say so, instead of refusing its topic as if the plugin had written it wrong.
         */
        private void requireTopicName() {
            if (pluginName.indexOf('.') >= 0) {
                throw new IllegalStateException("Plugin '" + pluginName + "' cannot publish or subscribe on its own topics: "
                        + "event topics may not hold '.', which its name does; name the plugin with '-' or '_' instead "
                        + "(e.g. '" + pluginName.replace('.', '-') + "') to use the event bus");
            }
        }

        @Override
        public String ownTopicPrefix() {
            return PluginEvents.TOPIC_PREFIX + pluginName + "/";
        }

        @Override
        public void publish(String topic, Object payload) {
            requireTopicName();
            String full = requireTopic(pluginName, topic);
            EventAdmin admin = eventAdmin.get();
            if (admin == null) {
                throw new IllegalStateException("No EventAdmin is running: plugin '" + pluginName
                        + "' cannot publish on " + full + "; start org.apache.felix.eventadmin");
            }
            Map<String, Object> props = new HashMap<>();
            props.put(PUBLISHER, pluginName);
            props.put(EventConstants.TIMESTAMP, System.currentTimeMillis());
            if (payload != null) {
                props.put(PAYLOAD, payload);
            }
            // The runtime built the topic inside the plugin's own namespace, so it delivers with its own rights:
            // plugins need no TopicPermission to publish their own events, and cannot publish anyone else's.
            outbox.post(new Event(full, props), admin);
        }

        @Override
        public AutoCloseable subscribe(String topicFilter, Consumer<PluginEvent> handler) {
            if (topicFilter != null && topicFilter.startsWith(ownTopicPrefix())) {
                requireTopicName();
            }
            String filter = requireFilter(topicFilter);
            Objects.requireNonNull(handler, "handler");
            // A plugin's own topics are its own by construction: the runtime subscribes for it, with its rights.
            boolean own = filter.startsWith(ownTopicPrefix());
            // Other topics are checked here, with the plugin's code on the stack, so a plugin without the topic
            // permission is told so at once (by the sandbox, naming the fix) instead of silently receiving nothing.
            @SuppressWarnings("removal")
            SecurityManager sm = System.getSecurityManager();
            if (sm != null && !own) {
                sm.checkPermission(new TopicPermission(filter, TopicPermission.SUBSCRIBE));
            }
            Bundle bundle = own ? runtimeContext.getBundle() : runtimeContext.getBundle(bundleId);
            @SuppressWarnings("removal")
            BundleContext context = bundle == null ? null
                    : java.security.AccessController.doPrivileged(
                            (java.security.PrivilegedAction<BundleContext>) bundle::getBundleContext);
            if (context == null) {
                throw new IllegalStateException("Plugin '" + pluginName + "' cannot subscribe to " + filter
                        + ": its bundle is not active");
            }
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(EventConstants.EVENT_TOPIC, new String[] { filter });
            // Other topics: registered in the plugin's own context (EventAdmin then checks that bundle's topic
            // permission on every delivery, and the framework drops the handler if the bundle stops).
            @SuppressWarnings("removal")
            ServiceRegistration<EventHandler> registration = java.security.AccessController.doPrivileged(
                    (java.security.PrivilegedAction<ServiceRegistration<EventHandler>>) () -> context.registerService(
                            EventHandler.class, event -> handler.accept(toPluginEvent(event)), props));
            synchronized (subscriptions) {
                subscriptions.add(registration);
            }
            return () -> unregister(registration);
        }

        private void unregister(ServiceRegistration<EventHandler> registration) {
            synchronized (subscriptions) {
                if (!subscriptions.remove(registration)) {
                    return;
                }
            }
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // the bundle stopped first: the framework already removed it
            }
        }

        @Override
        public void close() {
            List<ServiceRegistration<EventHandler>> all;
            synchronized (subscriptions) {
                all = new ArrayList<>(subscriptions);
            }
            all.forEach(this::unregister);
        }
    }
}
