package ${package};

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.PluginException;
import org.gcommon.plugin.api.middleware.Chain;
import org.gcommon.plugin.api.middleware.Exchange;
import org.gcommon.plugin.api.middleware.Middleware;
import org.gcommon.plugin.api.middleware.MiddlewarePlugin;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@code ${pluginName}} middleware plugin: sets a configured header on every response that passes
 * through the chain (the container's {@code /gateway} route runs the default chain).
 *
 * <p>Its place in the chain is its service ranking: higher runs first. The runtime finds it as a
 * {@link Plugin} service, hands it the configuration of PID {@value #PID} ({@code etc/${pluginName}.cfg})
 * in {@link #initialize(Map)}, starts it, asks its {@link #health()} and stops it. Declarative Services
 * only creates and registers it: it ignores the configuration, which the runtime delivers.
 */
@Component(service = { Plugin.class, MiddlewarePlugin.class }, property = "service.ranking:Integer=100",
        configurationPid = ${className}Plugin.PID, configurationPolicy = ConfigurationPolicy.IGNORE)
@Designate(ocd = ${className}Config.class)
public class ${className}Plugin implements MiddlewarePlugin {

    static final String NAME = "${pluginName}";
    /** The plugin's version; raise it with its behaviour. */
    static final String VERSION = "1.0.0";
    static final String PID = "gcommon.plugin." + NAME;

    private volatile ${className}Config config;
    private volatile HeaderMiddleware middleware;

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
        if (!read.headerName().matches("[A-Za-z0-9-]+")) {
            throw new PluginException("Configuration key 'headerName' of plugin '" + NAME + "' is '" + read.headerName()
                    + "', which is no header name: use letters, digits and '-', e.g. headerName = X-Served-By in etc/"
                    + NAME + ".cfg");
        }
        config = read;
    }

    @Override
    public void start(PluginContext context) {
        ${className}Config current = config;
        middleware = new HeaderMiddleware(current.headerName(), current.headerValue());
        context.logger().info("{} sets {}: {} on every response", NAME, current.headerName(), current.headerValue());
    }

    @Override
    public void stop(PluginContext context) {
        middleware = null;
    }

    @Override
    public Middleware middleware() {
        HeaderMiddleware current = middleware;
        if (current == null) {
            throw new IllegalStateException("Plugin '" + NAME + "' is not started: its middleware exists only between "
                    + "start() and stop()");
        }
        return current;
    }

    @Override
    public HealthStatus health() {
        HeaderMiddleware current = middleware;
        if (current == null) {
            return HealthStatus.unknown("not started");
        }
        long requests = current.requests.get();
        return HealthStatus.healthy(requests + " requests seen").withDetail("requests", requests);
    }

    /** Lets the rest of the chain answer, then adds the header; called by many requests at once. */
    static final class HeaderMiddleware implements Middleware {

        private final String name;
        private final String value;
        private final AtomicLong requests = new AtomicLong();

        HeaderMiddleware(String name, String value) {
            this.name = name;
            this.value = value;
        }

        @Override
        public void handle(Exchange exchange, Chain next) throws Exception {
            requests.incrementAndGet();
            next.proceed(exchange);
            exchange.response().headers().set(name, value);
        }
    }
}
