package ${package};

import static org.gcommon.plugin.testkit.assertions.GcommonAssertions.assertThat;

import java.io.StringWriter;
import java.util.Map;

import org.gcommon.plugin.testkit.PluginHarness;
import org.gcommon.plugin.testkit.TestedPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The plugin's lifecycle as the container runs it, in milliseconds: configuration, start, health, stop. */
class ${className}PluginTest {

    @RegisterExtension
    final PluginHarness harness = new PluginHarness();

    @Test
    void exportsItsMetricsWithTheConfiguredPrefix() throws Exception {
        TestedPlugin<${className}Plugin> plugin = harness.start(new ${className}Plugin(), Map.of("metricPrefix", "test"));
        StringWriter out = new StringWriter();

        plugin.plugin().extension().export(out);

        assertThat(out.toString()).contains("# TYPE test_exports_total counter").contains("test_exports_total 1");
        assertThat(plugin).isActive().isHealthy();
        assertThat(plugin.health()).hasDetail("exports", 1L);
    }

    @Test
    void aBadPrefixLeavesThePluginFailedWithTheKeyToFix() {
        TestedPlugin<${className}Plugin> plugin = harness.start(new ${className}Plugin(), Map.of("metricPrefix", "9 lives"));

        assertThat(plugin).isFailed().hasLastErrorContaining("'metricPrefix'");
    }

    @Test
    void stopsAndReportsUnknownHealth() {
        TestedPlugin<${className}Plugin> plugin = harness.start(new ${className}Plugin());

        plugin.stop();

        assertThat(plugin).isStopped();
        assertThat(plugin.health()).isUnknown();
    }
}
