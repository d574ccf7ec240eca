package org.gcommon.plugin.sample.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.PluginException;
import org.gcommon.plugin.api.PluginState;
import org.gcommon.plugin.api.PluginType;
import org.gcommon.plugin.api.extension.MetricsExporter;
import org.gcommon.plugin.testkit.TestPluginContext;
import org.junit.jupiter.api.Test;

class MetricsPluginTest {

    private final TestRuntime runtime = new TestRuntime();
    private final MetricsPlugin plugin = new MetricsPlugin(runtime);
    /** What the runtime hands to start() and stop(): here its registry is the test's. */
    private final TestPluginContext context = new TestPluginContext(MetricsPlugin.NAME).withRegistry(runtime);

    private String export(Map<String, Object> config) throws PluginException, IOException {
        plugin.initialize(config);
        plugin.start(context);
        StringWriter out = new StringWriter();
        plugin.extension().export(out);
        return out.toString();
    }

    @Test
    void contributesAMetricsExporterToTheContainersPoint() throws Exception {
        plugin.initialize(Map.of());
        plugin.start(context);

        assertThat(plugin.extensionPoint()).isEqualTo("gcommon.metrics");
        assertThat(plugin.extensionType()).isEqualTo(MetricsExporter.class);
        assertThat(plugin.extension()).isInstanceOf(MetricsExporter.class);
    }

    @Test
    void writesStateHealthAndCountOfEveryPluginAsPrometheusText() throws Exception {
        runtime.plugin("memory-cache", PluginType.PROVIDER, PluginState.ACTIVE,
                HealthStatus.healthy("42 hits").withDetail("hits", 42L).withDetail("hit.ratio", 0.75)
                        .withDetail("mode", "lru"))
                .plugin("webhook", PluginType.INTEGRATION, PluginState.ACTIVE,
                        HealthStatus.unhealthy("http://127.0.0.1:9/hook does not answer").withDetail("failed", 3))
                .refusedArchive("broken.jar");

        String text = export(Map.of());

        assertThat(text).isEqualTo("""
                # HELP gcommon_plugins_total Plugins the runtime knows: plugins, bundles deployed as plugins and refused archives.
                # TYPE gcommon_plugins_total gauge
                gcommon_plugins_total 3
                # HELP gcommon_plugin_state A plugin's current state and type; always 1.
                # TYPE gcommon_plugin_state gauge
                gcommon_plugin_state{plugin="memory-cache",state="ACTIVE",type="PROVIDER"} 1
                gcommon_plugin_state{plugin="webhook",state="ACTIVE",type="INTEGRATION"} 1
                gcommon_plugin_state{plugin="broken.jar",state="REJECTED",type="UNKNOWN"} 1
                # HELP gcommon_plugin_health A plugin's current health status; always 1.
                # TYPE gcommon_plugin_health gauge
                gcommon_plugin_health{plugin="broken.jar",status="UNKNOWN"} 1
                gcommon_plugin_health{plugin="memory-cache",status="HEALTHY"} 1
                gcommon_plugin_health{plugin="webhook",status="UNHEALTHY"} 1
                # HELP gcommon_plugin_health_detail Numeric details of a plugin's health, e.g. cache hits or limited requests.
                # TYPE gcommon_plugin_health_detail gauge
                gcommon_plugin_health_detail{plugin="memory-cache",detail="hits"} 42
                gcommon_plugin_health_detail{plugin="memory-cache",detail="hit.ratio"} 0.75
                gcommon_plugin_health_detail{plugin="webhook",detail="failed"} 3
                """);
    }

    @Test
    void escapesLabelValuesAsTheFormatRequires() throws Exception {
        runtime.refusedArchive("we\"ird\\name\n.jar");

        String text = export(Map.of());

        assertThat(text).contains("gcommon_plugin_state{plugin=\"we\\\"ird\\\\name\\n.jar\",state=\"REJECTED\",type=\"UNKNOWN\"} 1\n");
        assertThat(text.lines()).allMatch(line -> line.startsWith("#") || line.startsWith("gcommon_"));
    }

    @Test
    void writesSpecialNumbersTheWayPrometheusReadsThem() {
        assertThat(PrometheusWriter.format(Double.NaN)).isEqualTo("NaN");
        assertThat(PrometheusWriter.format(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(PrometheusWriter.format(Float.NEGATIVE_INFINITY)).isEqualTo("-Inf");
        assertThat(PrometheusWriter.format(2.0)).isEqualTo("2");
        assertThat(PrometheusWriter.format(1e20)).isEqualTo("1.0E20");
        assertThat(PrometheusWriter.format(Long.MAX_VALUE)).isEqualTo("9223372036854775807");
    }

    @Test
    void healthDetailsCanBeLeftOut() throws Exception {
        runtime.plugin("memory-cache", PluginType.PROVIDER, PluginState.ACTIVE,
                HealthStatus.healthy("ok").withDetail("hits", 42L));

        String text = export(Map.of("health.details", "false"));

        assertThat(text).doesNotContain("gcommon_plugin_health_detail")
                .contains("gcommon_plugin_health{plugin=\"memory-cache\",status=\"HEALTHY\"} 1");
    }

    @Test
    void anEmptyRuntimeStillGivesACount() throws Exception {
        assertThat(export(Map.of())).contains("\ngcommon_plugins_total 0\n");
    }

    @Test
    void healthCountsExports() throws Exception {
        export(Map.of());
        plugin.extension().export(new StringWriter());

        HealthStatus health = plugin.health();

        assertThat(health.status()).isEqualTo(HealthStatus.Status.HEALTHY);
        assertThat(health.details()).containsEntry("exports", 2L);
    }

    @Test
    void hasNoExporterOutsideStartAndStop() throws Exception {
        assertThatThrownBy(plugin::extension).isInstanceOf(IllegalStateException.class).hasMessageContaining("metrics");
        export(Map.of());
        plugin.stop(context);

        assertThatThrownBy(plugin::extension).isInstanceOf(IllegalStateException.class);
        assertThat(plugin.health().status()).isEqualTo(HealthStatus.Status.UNKNOWN);
    }

    @Test
    void refusesAValueThatIsNotABooleanNamingKeyValueAndForm() {
        assertThatThrownBy(() -> plugin.initialize(Map.of("health.details", "sometimes")))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("'health.details'")
                .hasMessageContaining("'sometimes'")
                .hasMessageContaining("true or false")
                .hasMessageContaining("etc/metrics.cfg");
    }
}
