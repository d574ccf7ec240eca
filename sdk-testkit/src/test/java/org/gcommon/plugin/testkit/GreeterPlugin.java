package org.gcommon.plugin.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.PluginException;

/** A small plugin of the kind the archetype generates: configured greeting, events in and out, health with details. */
class GreeterPlugin implements Plugin {

    private volatile String greeting = "Hello";
    private volatile PluginContext context;
    private final AtomicLong greetings = new AtomicLong();
    private final List<AutoCloseable> subscriptions = new ArrayList<>();

    @Override
    public String name() {
        return "greeter";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public void initialize(Map<String, Object> config) throws PluginException {
        Object value = config.getOrDefault("greeting", "Hello");
        if (value.toString().isBlank()) {
            throw new PluginException("Configuration key 'greeting' of plugin 'greeter' is empty: set a greeting, "
                    + "e.g. greeting = Hello in etc/greeter.cfg");
        }
        greeting = value.toString();
    }

    @Override
    public void start(PluginContext context) {
        this.context = context;
        subscriptions.add(context.events().subscribe("gcommon/plugin/door/opened", event -> greet(event.payload(String.class).orElse("someone"))));
        context.logger().info("{} ready to say '{}'", name(), greeting);
    }

    String greet(String who) {
        greetings.incrementAndGet();
        String text = greeting + ", " + who;
        context.events().publish("greeted", text);
        return text;
    }

    @Override
    public void stop(PluginContext context) throws PluginException {
        for (AutoCloseable s : subscriptions) {
            try {
                s.close();
            } catch (Exception e) {
                throw new PluginException("cannot unsubscribe", e);
            }
        }
        subscriptions.clear();
        this.context = null;
    }

    @Override
    public HealthStatus health() {
        return HealthStatus.healthy(greetings.get() + " greetings").withDetail("greetings", greetings.get());
    }
}
