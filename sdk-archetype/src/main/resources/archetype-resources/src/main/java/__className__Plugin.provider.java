package ${package};

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import ${package}.api.${className};
import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.PluginException;
import org.gcommon.plugin.api.ProviderPlugin;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@code ${pluginName}} provider plugin: supplies a {@link ${className}} to every bundle that asks
 * the plugin registry for one.
 *
 * <p>The runtime finds it as a {@link Plugin} service, hands it the configuration of PID
 * {@value #PID} ({@code etc/${pluginName}.cfg}) in {@link #initialize(Map)}, starts it, asks its
 * {@link #health()} and stops it. Declarative Services only creates and registers it: it ignores the
 * configuration, which the runtime delivers.
 */
@Component(service = { Plugin.class, ProviderPlugin.class }, configurationPid = ${className}Plugin.PID,
        configurationPolicy = ConfigurationPolicy.IGNORE)
@Designate(ocd = ${className}Config.class)
public class ${className}Plugin implements ProviderPlugin<${className}> {

    static final String NAME = "${pluginName}";
    /** The plugin's version; raise it with its behaviour (the registry prefers the highest of equal rank). */
    static final String VERSION = "1.0.0";
    static final String PID = "gcommon.plugin." + NAME;

    private volatile ${className}Config config;
    private volatile Greeter greeter;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public void initialize(Map<String, Object> configuration) throws PluginException {
        ${className}Config read = ConfigMapping.read(${className}Config.class, configuration, NAME);
        if (read.greeting().isBlank()) {
            throw new PluginException("Configuration key 'greeting' of plugin '" + NAME + "' is empty: set it, "
                    + "e.g. greeting = Hello in etc/" + NAME + ".cfg");
        }
        if (read.maxNameLength() < 1) {
            throw new PluginException("Configuration key 'maxNameLength' of plugin '" + NAME + "' is "
                    + read.maxNameLength() + ": use 1 or more, e.g. maxNameLength = 64 in etc/" + NAME + ".cfg");
        }
        config = read;
    }

    @Override
    public void start(PluginContext context) {
        ${className}Config current = config;
        greeter = new Greeter(current.greeting(), current.maxNameLength());
        context.logger().info("{} greets with '{}'", NAME, current.greeting());
    }

    @Override
    public void stop(PluginContext context) {
        greeter = null;
    }

    @Override
    public HealthStatus health() {
        Greeter current = greeter;
        if (current == null) {
            return HealthStatus.unknown("not started");
        }
        long greetings = current.greetings.get();
        return HealthStatus.healthy(greetings + " greetings").withDetail("greetings", greetings);
    }

    @Override
    public Class<${className}> providerType() {
        return ${className}.class;
    }

    @Override
    public ${className} provider() {
        Greeter current = greeter;
        if (current == null) {
            throw new IllegalStateException("Plugin '" + NAME + "' is not started: ask the plugin registry for a "
                    + "${className} each time (or keep its providerProxy) instead of keeping this instance");
        }
        return current;
    }

    /** The implementation handed to callers; thread-safe. */
    static final class Greeter implements ${className} {

        private final String greeting;
        private final int maxNameLength;
        private final AtomicLong greetings = new AtomicLong();

        Greeter(String greeting, int maxNameLength) {
            this.greeting = greeting;
            this.maxNameLength = maxNameLength;
        }

        @Override
        public String greet(String who) {
            if (who == null || who.isBlank() || who.length() > maxNameLength) {
                throw new IllegalArgumentException("Cannot greet '" + who + "': give a name of 1 to " + maxNameLength
                        + " characters");
            }
            greetings.incrementAndGet();
            return greeting + ", " + who;
        }
    }
}
