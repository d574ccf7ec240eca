package org.gcommon.plugin.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ops4j.pax.exam.CoreOptions.systemPackage;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.PluginInfo;
import org.gcommon.plugin.api.PluginState;
import org.gcommon.plugin.api.PluginType;
import org.gcommon.plugin.api.integration.CircuitBreaker;
import org.gcommon.plugin.api.integration.OpenCircuitException;
import org.gcommon.plugin.api.integration.Resilience;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;

import com.sun.net.httpserver.HttpServer;

/**
 * An integration plugin calls a local HTTP server through a circuit breaker of the runtime's
 * {@link Resilience} service: when the server goes down the breaker opens and the plugin reads
 * UNHEALTHY in the health service; when it comes back on the same port the breaker closes after its
 * open time and the plugin reads HEALTHY again.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class IntegrationResilienceIT extends GcommonTestSupport {

    /** Short timings: 2 attempts 20 ms apart, open after 2 failed calls, for 300 ms. */
    private static final Resilience.Settings SETTINGS = new Resilience.Settings(2, Duration.ofMillis(20),
            Duration.ofMillis(40), 2, Duration.ofMillis(300));

    private static final Duration HEARTBEAT = Duration.ofMillis(50);

    private final PingServer server = new PingServer();

    @Override
    @Configuration
    public Option[] configuration() {
        // The test's HTTP server comes from the JDK (module jdk.httpserver): the system bundle must export it.
        return OptionUtils.combine(super.configuration(), systemPackage("com.sun.net.httpserver"));
    }

    @Before
    public void startServer() throws IOException {
        server.start(0);
    }

    @After
    public void stopServer() {
        server.stop();
    }

    @Test
    public void integrationHealthFollowsTheRemoteSideAsTheBreakerOpensAndClosesAgain() {
        PingIntegrationPlugin plugin = new PingIntegrationPlugin("ping-integration", resilience(), server.uri(),
                SETTINGS, HEARTBEAT);
        registerPlugin(plugin);
        PluginInfo info = awaitState("ping-integration", PluginState.ACTIVE);
        assertThat(info.type()).isEqualTo(PluginType.INTEGRATION);
        eventually().untilAsserted(() -> {
            assertThat(server.requests()).as("GETs that reached the server").isPositive();
            assertThat(plugin.breaker().state()).isEqualTo(CircuitBreaker.State.CLOSED);
            assertThat(healthService.health("ping-integration").status()).isEqualTo(HealthStatus.Status.HEALTHY);
        });

        server.stop();

        eventually().untilAsserted(() -> assertThat(plugin.breaker().state()).as("breaker with the server down")
                .isEqualTo(CircuitBreaker.State.OPEN));
        eventually().untilAsserted(() -> {
            HealthStatus health = healthService.health("ping-integration");
            assertThat(health.status()).as("health with the server down: %s (the plugin's health() was called %d times)",
                    health, plugin.healthCalls())
                    .isEqualTo(HealthStatus.Status.UNHEALTHY);
            assertThat(health.message()).contains("circuit open").contains(server.uri().toString());
        });
        eventually().untilAsserted(() -> assertThat(healthService.report().status())
                .as("aggregate health with an ACTIVE plugin UNHEALTHY").isEqualTo(HealthStatus.Status.UNHEALTHY));

        server.restartOnTheSamePort();

        eventually().untilAsserted(() -> {
            assertThat(server.requests()).as("GETs that reached the restarted server").isPositive();
            assertThat(plugin.breaker().state()).as("breaker with the server back").isEqualTo(CircuitBreaker.State.CLOSED);
            HealthStatus health = healthService.health("ping-integration");
            assertThat(health.status()).as("health with the server back: %s (the plugin's health() was called %d times)",
                    health, plugin.healthCalls())
                    .isEqualTo(HealthStatus.Status.HEALTHY);
            assertThat(healthService.report().status()).as("aggregate health with the server back")
                    .isEqualTo(HealthStatus.Status.HEALTHY);
        });
    }

    @Test
    public void breakerRetriesOpensAfterTheThresholdFailsFastWhileOpenAndLetsOneTrialThroughAfterTheOpenTime()
            throws Exception {
        Resilience resilience = resilience();
        AtomicInteger attempts = new AtomicInteger();
        Callable<String> down = () -> {
            attempts.incrementAndGet();
            throw new IOException("connection refused");
        };

        // Retries with backoff: a call that fails twice and then answers succeeds, after at least 10 + 20 ms of waiting.
        CircuitBreaker retrying = resilience.circuitBreaker("itest-retrying", new Resilience.Settings(3,
                Duration.ofMillis(10), Duration.ofMillis(40), 2, Duration.ofSeconds(30)));
        long begin = System.nanoTime();
        String answer = retrying.call(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IOException("connection reset");
            }
            return "pong";
        });
        assertThat(answer).isEqualTo("pong");
        assertThat(attempts).as("attempts of the call that failed twice").hasValue(3);
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).as("time spent waiting between attempts")
                .isGreaterThanOrEqualTo(Duration.ofMillis(30));
        assertThat(retrying.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(retrying.failures()).isZero();

        // Opens after two failed calls (each retried 3 times), then fails fast without calling the remote side.
        attempts.set(0);
        assertThatThrownBy(() -> retrying.call(down)).isInstanceOf(IOException.class).hasMessage("connection refused");
        assertThat(retrying.state()).as("state after one failed call").isEqualTo(CircuitBreaker.State.CLOSED);
        assertThatThrownBy(() -> retrying.call(down)).isInstanceOf(IOException.class);
        assertThat(attempts).as("attempts of two failed calls").hasValue(6);
        assertThat(retrying.state()).as("state after two failed calls").isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(retrying.failures()).isEqualTo(2);
        assertThat(retrying.retryIn()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> retrying.call(down)).isInstanceOf(OpenCircuitException.class)
                .hasMessageContaining("itest-retrying");
        assertThat(attempts).as("attempts while the breaker is open").hasValue(6);

        // After the open time one trial goes through: a failed trial re-opens at once, a good one closes.
        CircuitBreaker cooling = resilience.circuitBreaker("itest-cooling", new Resilience.Settings(3,
                Duration.ofMillis(10), Duration.ofMillis(10), 1, Duration.ofMillis(300)));
        attempts.set(0);
        assertThatThrownBy(() -> cooling.call(down)).isInstanceOf(IOException.class);
        assertThat(cooling.state()).isIn(CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN);
        eventually().untilAsserted(() -> assertThat(cooling.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN));
        attempts.set(0);
        assertThatThrownBy(() -> cooling.call(down)).isInstanceOf(IOException.class);
        assertThat(attempts).as("attempts of a trial call: no retries").hasValue(1);
        assertThat(cooling.state()).as("state after a failed trial").isIn(CircuitBreaker.State.OPEN,
                CircuitBreaker.State.HALF_OPEN);
        eventually().untilAsserted(() -> assertThat(cooling.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN));
        assertThat(cooling.call(() -> "pong")).isEqualTo("pong");
        assertThat(cooling.state()).as("state after a good trial").isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(cooling.failures()).isZero();
    }

    @Test
    public void settingsThatCannotWorkAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> new Resilience.Settings(0, Duration.ofMillis(10), Duration.ofMillis(10), 1,
                Duration.ofMillis(10))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new Resilience.Settings(1, Duration.ofMillis(10), Duration.ofMillis(10), 0,
                Duration.ofMillis(10))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("failureThreshold");
    }

    /** @return the runtime's Resilience service, taken from the test bundle's context as any bundle would */
    private Resilience resilience() {
        ServiceReference<Resilience> reference = bundleContext.getServiceReference(Resilience.class);
        assertThat(reference).as("Resilience service").isNotNull();
        return bundleContext.getService(reference);
    }

    /** A local HTTP server answering {@code GET /ping} with 200, counting requests; it can stop and restart on its port. */
    private static final class PingServer {

        private final AtomicInteger requests = new AtomicInteger();
        private HttpServer server;
        private int port;

        void start(int wantedPort) throws IOException {
            HttpServer started = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wantedPort), 0);
            started.createContext("/ping", exchange -> {
                requests.incrementAndGet();
                byte[] body = "pong".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            started.start();
            server = started;
            port = started.getAddress().getPort();
            requests.set(0);
        }

        void restartOnTheSamePort() {
            // The port may take a moment to be free again on some systems.
            eventually().ignoreException(BindException.class).until(() -> {
                start(port);
                return true;
            });
        }

        void stop() {
            if (server != null) {
                server.stop(0);
                server = null;
            }
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + port + "/ping");
        }

        int requests() {
            return requests.get();
        }
    }
}
