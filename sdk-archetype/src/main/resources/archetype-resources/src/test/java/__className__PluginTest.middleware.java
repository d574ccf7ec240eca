package ${package};

import static org.gcommon.plugin.testkit.assertions.GcommonAssertions.assertThat;

import java.util.Map;

import org.gcommon.plugin.api.middleware.Exchange;
import org.gcommon.plugin.api.middleware.Request;
import org.gcommon.plugin.testkit.PluginHarness;
import org.gcommon.plugin.testkit.TestChain;
import org.gcommon.plugin.testkit.TestedPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The plugin's lifecycle as the container runs it, in milliseconds: configuration, start, health, stop. */
class ${className}PluginTest {

    @RegisterExtension
    final PluginHarness harness = new PluginHarness();

    @Test
    void setsTheConfiguredHeaderOnEveryResponse() {
        TestedPlugin<${className}Plugin> plugin = harness.start(new ${className}Plugin(),
                Map.of("headerName", "X-Test", "headerValue", "yes"));

        Exchange exchange = TestChain.of(plugin.plugin().middleware())
                .execute(new Request("GET", "/hello", null, null), ex -> ex.response().text("text/plain", "hello"));

        assertThat(exchange.response().status()).isEqualTo(200);
        assertThat(exchange.response().headers().first("X-Test")).hasValue("yes");
        assertThat(plugin).isActive().isHealthy();
        assertThat(plugin.health()).hasDetail("requests", 1L);
    }

    @Test
    void aBadHeaderNameLeavesThePluginFailedWithTheKeyToFix() {
        TestedPlugin<${className}Plugin> plugin = harness.start(new ${className}Plugin(), Map.of("headerName", "not a header"));

        assertThat(plugin).isFailed().hasLastErrorContaining("'headerName'");
    }

    @Test
    void stopsAndReportsUnknownHealth() {
        TestedPlugin<${className}Plugin> plugin = harness.start(new ${className}Plugin());

        plugin.stop();

        assertThat(plugin).isStopped();
        assertThat(plugin.health()).isUnknown();
    }
}
