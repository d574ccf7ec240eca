package org.gcommon.plugin.itests;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.PluginException;
import org.gcommon.plugin.api.integration.CircuitBreaker;
import org.gcommon.plugin.api.integration.IntegrationPlugin;
import org.gcommon.plugin.api.integration.OpenCircuitException;
import org.gcommon.plugin.api.integration.Resilience;

/**
 * An integration plugin that keeps a remote HTTP endpoint under watch: while started it sends a GET
 * at a fixed interval through a circuit breaker from the runtime's {@link Resilience} service, and
 * its health is the breaker's view of the remote side (never a remote call of its own).
 */
public class PingIntegrationPlugin extends RecordingPlugin implements IntegrationPlugin {

    private final Resilience resilience;
    private final URI endpoint;
    private final Resilience.Settings settings;
    private final Duration interval;
    private volatile CircuitBreaker breaker;
    private volatile ScheduledExecutorService heartbeat;
    private volatile String lastFailure = "";

    /**
     * @param name the plugin's name
     * @param resilience the runtime's breaker factory
     * @param endpoint the URL to GET; it must answer 200
     * @param settings the breaker's retry and opening behaviour
     * @param interval the time between two GETs
     */
    public PingIntegrationPlugin(String name, Resilience resilience, URI endpoint, Resilience.Settings settings,
            Duration interval) {
        super(name);
        this.resilience = Objects.requireNonNull(resilience, "resilience");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    @Override
    public String endpoint() {
        return endpoint.toString();
    }

    @Override
    public void start(PluginContext context) throws PluginException {
        super.start(context);
        breaker = resilience.circuitBreaker(name(), settings);
        heartbeat = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "itest-" + name() + "-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.scheduleWithFixedDelay(this::ping, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop(PluginContext context) throws PluginException {
        ScheduledExecutorService running = heartbeat;
        if (running != null) {
            running.shutdownNow();
        }
        super.stop(context);
    }

    @Override
    public HealthStatus health() {
        super.health();
        CircuitBreaker current = breaker;
        if (current == null) {
            return HealthStatus.unknown("not started");
        }
        CircuitBreaker.State state = current.state();
        HealthStatus status = switch (state) {
        case CLOSED -> HealthStatus.healthy(endpoint + " answers");
        case OPEN -> HealthStatus.unhealthy("circuit open after " + current.failures() + " failed calls to " + endpoint
                + " (" + lastFailure + "); next trial in " + current.retryIn().toMillis() + " ms");
        case HALF_OPEN -> HealthStatus.degraded("trying " + endpoint + " again");
        };
        return status.withDetail("breaker", state.name());
    }

    /** @return the breaker of the current start, {@code null} before the first */
    public CircuitBreaker breaker() {
        return breaker;
    }

    private void ping() {
        try {
            breaker.call(this::get);
            lastFailure = "";
        } catch (OpenCircuitException e) {
            // Failing fast while the breaker is open: nothing was sent.
        } catch (Exception e) {
            lastFailure = e.toString();
        }
    }

    private Integer get() throws IOException {
        HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection(Proxy.NO_PROXY);
        connection.setConnectTimeout(500);
        connection.setReadTimeout(1_000);
        // A fresh connection each time: a pooled one would hide that the server went away.
        connection.setRequestProperty("Connection", "close");
        try {
            int status = connection.getResponseCode();
            try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                if (body != null) {
                    body.readAllBytes();
                }
            }
            if (status != 200) {
                throw new IOException(endpoint + " answered " + status);
            }
            return status;
        } finally {
            connection.disconnect();
        }
    }
}
