package org.gcommon.plugin.sample.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.PluginException;
import org.gcommon.plugin.api.event.PluginEvents;
import org.gcommon.plugin.api.integration.CircuitBreaker;
import org.gcommon.plugin.api.integration.IntegrationPlugin;
import org.gcommon.plugin.api.integration.Resilience;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code webhook} integration plugin: posts plugin state changes (or any configured topics) as JSON
 * to a URL, through the runtime's circuit breaker, and reports in its health whether the remote answers.
 *
 * <p>Events arrive on the event bus's threads and are only queued there; a thread of the plugin's own
 * posts them, so a slow remote never holds up the bus. Each delivered event is announced on the
 * plugin's own topic {@code gcommon/plugin/webhook/delivered}.
 */
@Component(service = { Plugin.class, IntegrationPlugin.class })
public final class WebhookPlugin implements IntegrationPlugin {

    static final String NAME = "webhook";

    /** Published, relative to the plugin's own topic prefix, for each delivered event. */
    static final String DELIVERED_TOPIC = "delivered";

    private final Resilience resilience;
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    private volatile WebhookConfig config;
    private volatile WebhookDelivery delivery;

    /** @param resilience the runtime's retry and circuit breaker service */
    @Activate
    public WebhookPlugin(@Reference Resilience resilience) {
        this.resilience = Objects.requireNonNull(resilience, "resilience");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public String endpoint() {
        WebhookConfig c = config;
        return c == null ? "" : c.url().toString();
    }

    @Override
    public void initialize(Map<String, Object> config) throws PluginException {
        this.config = WebhookConfig.from(config);
    }

    @Override
    public void start(PluginContext context) throws PluginException {
        WebhookConfig c = config;
        if (c == null) {
            throw new PluginException("Plugin '" + NAME + "' was started before initialize(): no URL to post to");
        }
        PluginEvents events = context.events();
        CircuitBreaker breaker = resilience.circuitBreaker(NAME + " " + c.url(), c.retry());
        WebhookDelivery d = new WebhookDelivery(c, breaker, new WebhookSender(c.url(), c.timeout()),
                payload -> events.publish(DELIVERED_TOPIC, payload), context.logger());
        d.start();
        delivery = d;
        String ownTopics = events.ownTopicPrefix();
        for (String topic : c.topics()) {
            try {
                subscriptions.add(events.subscribe(topic, event -> {
                    // Never forward our own announcements: with topics = * each delivery would post another.
                    if (!event.topic().startsWith(ownTopics)) {
                        d.offer(EventJson.Fields.of(event));
                    }
                }));
            } catch (RuntimeException e) {
                stop(context);
                throw new PluginException("Plugin '" + NAME + "' cannot subscribe to topic '" + topic + "': " + e.getMessage()
                        + " (check '" + WebhookConfig.TOPICS + "' in etc/" + NAME + ".cfg and the topic permissions granted)",
                        e);
            }
        }
        context.logger().info("Posting events on {} to {}", String.join(", ", c.topics()), c.url());
    }

    @Override
    public void stop(PluginContext context) throws PluginException {
        for (AutoCloseable subscription : subscriptions) {
            try {
                subscription.close();
            } catch (Exception e) {
                context.logger().debug("Could not end a subscription: {}", e.toString());
            }
        }
        subscriptions.clear();
        WebhookDelivery d = delivery;
        if (d == null) {
            return;
        }
        delivery = null;
        try {
            int undelivered = d.stop(context.remaining());
            if (undelivered > 0) {
                context.logger().warn("{} events were not delivered to {} before the plugin stopped", undelivered,
                        endpoint());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginException("Plugin '" + NAME + "' was interrupted while waiting for its delivery thread", e);
        }
    }

    @Override
    public HealthStatus health() {
        WebhookDelivery d = delivery;
        return d == null ? HealthStatus.unknown("not started") : d.health();
    }
}
