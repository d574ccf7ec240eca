package org.gcommon.container.sandboxplugins.listener;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.PluginException;

/**
 * Subscribes to the topic sandbox-allowed publishes on (it declares that subscription in its
 * OSGI-INF/permissions.perm and the administrator grants it) and tells how many events it received.
 */
final class ListenerPlugin implements Plugin {

    static final String TOPIC = "gcommon/plugin/sandbox-allowed/ping";

    private final AtomicInteger received = new AtomicInteger();
    private volatile AutoCloseable subscription;
    private volatile HealthStatus problem;

    @Override
    public String name() {
        return "sandbox-listener";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public void initialize(Map<String, Object> config) {
        // nothing to configure
    }

    @Override
    public void start(PluginContext context) {
        try {
            subscription = context.events().subscribe(TOPIC, event -> {
                if ("sandbox-allowed".equals(event.publisher())) {
                    received.incrementAndGet();
                }
            });
            problem = null;
        } catch (SecurityException e) {
            problem = HealthStatus.healthy("denied: " + e.getMessage());
        }
    }

    @Override
    public void stop(PluginContext context) throws PluginException {
        AutoCloseable current = subscription;
        subscription = null;
        if (current != null) {
            try {
                current.close();
            } catch (Exception e) {
                throw new PluginException("cannot end the subscription to " + TOPIC, e);
            }
        }
    }

    @Override
    public HealthStatus health() {
        HealthStatus denied = problem;
        return denied != null ? denied : HealthStatus.healthy("received " + received.get() + " event(s) on " + TOPIC);
    }
}
