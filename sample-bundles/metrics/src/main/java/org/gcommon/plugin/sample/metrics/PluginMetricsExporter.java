package org.gcommon.plugin.sample.metrics;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.gcommon.plugin.api.HealthService;
import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.PluginInfo;
import org.gcommon.plugin.api.PluginRegistry;
import org.gcommon.plugin.api.extension.MetricsExporter;

/**
 * The contribution to the container's {@code /metrics}: what the registry knows about every plugin and
 * what the health service last heard from it, in the Prometheus text format.
 */
final class PluginMetricsExporter implements MetricsExporter {

    static final String PLUGINS_TOTAL = "gcommon_plugins_total";
    static final String PLUGIN_STATE = "gcommon_plugin_state";
    static final String PLUGIN_HEALTH = "gcommon_plugin_health";
    static final String PLUGIN_HEALTH_DETAIL = "gcommon_plugin_health_detail";

    private final PluginRegistry registry;
    private final HealthService health;
    private final boolean healthDetails;
    private final LongAdder exports = new LongAdder();

    PluginMetricsExporter(PluginRegistry registry, HealthService health, boolean healthDetails) {
        this.registry = registry;
        this.health = health;
        this.healthDetails = healthDetails;
    }

    @Override
    public void export(Writer out) throws IOException {
        // Read both sources first, so that a slow answer cannot leave half a metric family written.
        List<PluginInfo> plugins = registry.plugins();
        Map<String, HealthStatus> healthByPlugin = health.report().plugins();
        PrometheusWriter prometheus = new PrometheusWriter(out);

        prometheus.family(PLUGINS_TOTAL, "gauge",
                "Plugins the runtime knows: plugins, bundles deployed as plugins and refused archives.");
        prometheus.sample(PLUGINS_TOTAL, plugins.size());

        prometheus.family(PLUGIN_STATE, "gauge", "A plugin's current state and type; always 1.");
        for (PluginInfo plugin : plugins) {
            prometheus.sample(PLUGIN_STATE, 1, "plugin", plugin.name(), "state", plugin.state().name(), "type",
                    plugin.type().name());
        }

        prometheus.family(PLUGIN_HEALTH, "gauge", "A plugin's current health status; always 1.");
        for (Map.Entry<String, HealthStatus> entry : healthByPlugin.entrySet()) {
            prometheus.sample(PLUGIN_HEALTH, 1, "plugin", entry.getKey(), "status", entry.getValue().status().name());
        }

        if (healthDetails) {
            prometheus.family(PLUGIN_HEALTH_DETAIL, "gauge",
                    "Numeric details of a plugin's health, e.g. cache hits or limited requests.");
            for (Map.Entry<String, HealthStatus> entry : healthByPlugin.entrySet()) {
                for (Map.Entry<String, Object> detail : entry.getValue().details().entrySet()) {
                    if (detail.getValue() instanceof Number number) {
                        prometheus.sample(PLUGIN_HEALTH_DETAIL, number, "plugin", entry.getKey(), "detail",
                                detail.getKey());
                    }
                }
            }
        }
        exports.increment();
    }

    /** @return how many times the metrics were written */
    long exports() {
        return exports.sum();
    }
}
