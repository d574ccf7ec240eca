package org.gcommon.sample.greeting.plugin;

import java.util.Map;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.PluginException;
import org.gcommon.sample.greeting.text.Greetings;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code greeting} plugin: greets whom its configuration names, with the text library of the
 * greeting-library bundle. It exists to show a plugin with a library dependency: installed by name
 * from the plugin repository, it brings the library bundle in.
 */
@Component(service = Plugin.class)
public final class GreetingPlugin implements Plugin {

    static final String NAME = "greeting";

    private volatile String template = Greetings.DEFAULT_TEMPLATE;
    private volatile String greeting;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public void initialize(Map<String, Object> config) throws PluginException {
        Object configured = config.get("template");
        String candidate = configured == null ? Greetings.DEFAULT_TEMPLATE : configured.toString();
        try {
            Greetings.format(candidate, "world");
        } catch (IllegalArgumentException e) {
            throw new PluginException(NAME + ": " + e.getMessage() + " (etc/greeting.cfg, key template)", e);
        }
        template = candidate;
    }

    @Override
    public void start(PluginContext context) {
        greeting = Greetings.format(template, "world");
        context.logger().info("{}", greeting);
    }

    @Override
    public void stop(PluginContext context) {
        greeting = null;
    }

    @Override
    public HealthStatus health() {
        String current = greeting;
        return current == null ? HealthStatus.unknown("not started") : HealthStatus.healthy(current);
    }
}
