package ${package};

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
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
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@code ${pluginName}} integration plugin: calls a remote HTTP service through the runtime's
 * circuit breaker, and reports the remote side as last seen in its health (never by calling it from
 * {@link #health()}). When the remote goes up or down it publishes {@code remote} on its own topics, for
 * other plugins to react.
 *
 * <p>With no {@code endpointUrl} configured it runs unconnected and healthy. The runtime finds it as a
 * {@link Plugin} service, hands it the configuration of PID {@value #PID} ({@code etc/${pluginName}.cfg})
 * in {@link #initialize(Map)}, starts it, asks its {@link #health()} and stops it. Declarative Services
 * creates it with the runtime's {@link Resilience} service and ignores the configuration, which the
 * runtime delivers.
 */
@Component(service = { Plugin.class, IntegrationPlugin.class }, configurationPid = ${className}Plugin.PID,
        configurationPolicy = ConfigurationPolicy.IGNORE)
@Designate(ocd = ${className}Config.class)
public class ${className}Plugin implements IntegrationPlugin {

    static final String NAME = "${pluginName}";
    /** The plugin's version; raise it with its behaviour. */
    static final String VERSION = "1.0.0";
    static final String PID = "gcommon.plugin." + NAME;
    /** Published, relative to the plugin's own topics, when the remote side goes up or down. */
    static final String REMOTE_TOPIC = "remote";

    private final Resilience resilience;
    private volatile ${className}Config config;
    private volatile Connection connection;

    /** @param resilience the runtime's retry and circuit breaker service */
    @Activate
    public ${className}Plugin(@Reference Resilience resilience) {
        this.resilience = Objects.requireNonNull(resilience, "resilience");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public String endpoint() {
        ${className}Config current = config;
        return current == null ? "" : current.endpointUrl();
    }

    @Override
    public void initialize(Map<String, Object> configuration) throws PluginException {
        ${className}Config read = ConfigMapping.read(${className}Config.class, configuration, NAME);
        String url = read.endpointUrl().strip();
        if (!url.isEmpty() && !url.startsWith("http://") && !url.startsWith("https://")) {
            throw new PluginException("Configuration key 'endpointUrl' of plugin '" + NAME + "' is '" + url
                    + "': use an http or https URL, e.g. endpointUrl = https://api.example.com/status in etc/" + NAME
                    + ".cfg, or leave it empty");
        }
        if (read.timeoutMillis() < 1) {
            throw new PluginException("Configuration key 'timeoutMillis' of plugin '" + NAME + "' is "
                    + read.timeoutMillis() + ": use 1 or more, e.g. timeoutMillis = 2000 in etc/" + NAME + ".cfg");
        }
        config = read;
    }

    @Override
    public void start(PluginContext context) {
        ${className}Config current = config;
        String url = current.endpointUrl().strip();
        if (url.isEmpty()) {
            connection = null;
            context.logger().info("{} runs unconnected: set endpointUrl in etc/{}.cfg to connect", NAME, NAME);
            return;
        }
        Connection opened = new Connection(URI.create(url), Duration.ofMillis(current.timeoutMillis()),
                resilience.circuitBreaker(NAME, Resilience.Settings.DEFAULTS), context.events());
        connection = opened;
        context.logger().info("{} connected to {}", NAME, url);
    }

    @Override
    public void stop(PluginContext context) {
        connection = null;
    }

    /**
     * Calls the remote endpoint (GET) through the circuit breaker: what the plugin does for its users.
     *
     * @return the response body
     * @throws Exception when the remote fails, or the breaker is open and the call fails fast
     * @throws IllegalStateException when the plugin is not started or has no endpoint configured
     */
    public String call() throws Exception {
        Connection current = connection;
        if (current == null) {
            throw new IllegalStateException("Plugin '" + NAME + "' has no connection: it is not started, or "
                    + "endpointUrl is empty in etc/" + NAME + ".cfg");
        }
        return current.call();
    }

    @Override
    public HealthStatus health() {
        ${className}Config current = config;
        Connection open = connection;
        if (current == null) {
            return HealthStatus.unknown("not started");
        }
        if (open == null) {
            return HealthStatus.healthy("not connected: no endpointUrl configured");
        }
        return open.health();
    }

    /** One configured remote endpoint: the HTTP client, the breaker and what the last call showed. */
    static final class Connection {

        private final URI endpoint;
        private final Duration timeout;
        private final CircuitBreaker breaker;
        private final PluginEvents events;
        private final HttpClient client;
        private volatile String lastError;
        private volatile Boolean up;

        Connection(URI endpoint, Duration timeout, CircuitBreaker breaker, PluginEvents events) {
            this.endpoint = endpoint;
            this.timeout = timeout;
            this.breaker = breaker;
            this.events = events;
            this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        }

        String call() throws Exception {
            try {
                String body = breaker.call(() -> {
                    HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout).GET().build();
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() >= 500) {
                        throw new IOException(endpoint + " answered " + response.statusCode());
                    }
                    return response.body();
                });
                seen(true, null);
                return body;
            } catch (Exception e) {
                seen(false, e.toString());
                throw e;
            }
        }

        private void seen(boolean nowUp, String error) {
            lastError = error;
            Boolean before = up;
            up = nowUp;
            if (before == null || before != nowUp) {
                Map<String, Object> payload = new HashMap<>();
                payload.put("endpoint", endpoint.toString());
                payload.put("up", nowUp);
                payload.put("error", error == null ? "" : error);
                events.publish(REMOTE_TOPIC, payload);
            }
        }

        HealthStatus health() {
            HealthStatus status;
            if (breaker.state() != CircuitBreaker.State.CLOSED) {
                status = HealthStatus.unhealthy(endpoint + " does not answer: circuit breaker " + breaker.state()
                        + " after " + breaker.failures() + " failures; last error: " + lastError);
            } else if (Boolean.FALSE.equals(up)) {
                status = HealthStatus.degraded(endpoint + ": the last call failed: " + lastError);
            } else if (Boolean.TRUE.equals(up)) {
                status = HealthStatus.healthy(endpoint + ": the last call succeeded");
            } else {
                status = HealthStatus.healthy(endpoint + ": no call made yet");
            }
            return status.withDetail("endpoint", endpoint.toString()).withDetail("breaker", breaker.state().name());
        }
    }
}
