package ${package};

import static org.gcommon.plugin.testkit.assertions.GcommonAssertions.assertThat;
import static org.gcommon.plugin.testkit.assertions.GcommonAssertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.gcommon.plugin.api.event.PluginEvent;
import org.gcommon.plugin.testkit.PluginHarness;
import org.gcommon.plugin.testkit.TestedPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The plugin's lifecycle as the container runs it, in milliseconds, against a real HTTP server on the
 * loopback address standing for the remote service, with the runtime's own circuit breaker.
 */
class ${className}PluginTest {

    @RegisterExtension
    final PluginHarness harness = new PluginHarness();

    private HttpServer remote;
    private volatile int status = 200;

    @BeforeEach
    void startTheRemote() throws IOException {
        remote = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        remote.createContext("/status", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        remote.start();
    }

    @AfterEach
    void stopTheRemote() {
        remote.stop(0);
    }

    private String endpoint() {
        return "http://127.0.0.1:" + remote.getAddress().getPort() + "/status";
    }

    @Test
    void runsUnconnectedAndHealthyWithoutAnEndpoint() {
        TestedPlugin<${className}Plugin> plugin = harness.start(new ${className}Plugin(harness.resilience()));

        assertThat(plugin).isActive().isHealthy().hasHealthMessageContaining("not connected");
    }

    @Test
    void callsTheRemoteAndReportsItUp() throws Exception {
        TestedPlugin<${className}Plugin> plugin = harness.start(new ${className}Plugin(harness.resilience()),
                Map.of("endpointUrl", endpoint()));

        assertThat(plugin.plugin().call()).isEqualTo("ok");

        assertThat(plugin).isHealthy().hasHealthMessageContaining("the last call succeeded").hasPublished("remote");
        assertThat(plugin.published()).extracting(PluginEvent::payload)
                .containsExactly(Map.of("endpoint", endpoint(), "up", true, "error", ""));
    }

    @Test
    void aFailingRemoteMakesThePluginDegraded() {
        status = 503;
        TestedPlugin<${className}Plugin> plugin = harness.start(new ${className}Plugin(harness.resilience()),
                Map.of("endpointUrl", endpoint(), "timeoutMillis", 500));

        assertThatThrownBy(() -> plugin.plugin().call()).hasMessageContaining("503");

        assertThat(plugin.health()).isDegraded().hasMessageContaining("the last call failed");
    }

    @Test
    void aBadEndpointLeavesThePluginFailedWithTheKeyToFix() {
        TestedPlugin<${className}Plugin> plugin = harness.start(new ${className}Plugin(harness.resilience()),
                Map.of("endpointUrl", "ftp://example.com"));

        assertThat(plugin).isFailed().hasLastErrorContaining("'endpointUrl'");
    }
}
