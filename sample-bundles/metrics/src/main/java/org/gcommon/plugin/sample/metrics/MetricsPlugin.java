package org.gcommon.plugin.sample.metrics;

import java.util.Map;
import java.util.Objects;

import org.gcommon.plugin.api.HealthService;
import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.PluginException;
import org.gcommon.plugin.api.extension.ExtensionPlugin;
import org.gcommon.plugin.api.extension.MetricsExporter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code metrics} extension plugin: contributes a {@link MetricsExporter} to the container's
 * extension point {@value MetricsExporter#POINT}, which the container serves at {@code GET /metrics}.
 *
 * <p>Two runtime services feed it, obtained the two ways a plugin can: the {@link HealthService} is an
 * OSGi service, injected by Declarative Services (the component waits until it exists); the plugin
 * registry comes with the {@link PluginContext} in {@link #start(PluginContext)}.
 */
@Component(service = { Plugin.class, ExtensionPlugin.class })
public final class MetricsPlugin implements ExtensionPlugin<MetricsExporter> {

    static final String NAME = "metrics";

    private final HealthService health;
    private volatile MetricsConfig config = MetricsConfig.DEFAULTS;
    private volatile PluginMetricsExporter exporter;

    /** @param health the runtime's health service */
    @Activate
    public MetricsPlugin(@Reference HealthService health) {
        this.health = Objects.requireNonNull(health, "health");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public void initialize(Map<String, Object> config) throws PluginException {
        this.config = MetricsConfig.from(config);
    }

    @Override
    public void start(PluginContext context) {
        exporter = new PluginMetricsExporter(context.registry(), health, config.healthDetails());
    }

    @Override
    public void stop(PluginContext context) {
        exporter = null;
    }

    @Override
    public String extensionPoint() {
        return MetricsExporter.POINT;
    }

    @Override
    public Class<MetricsExporter> extensionType() {
        return MetricsExporter.class;
    }

    @Override
    public MetricsExporter extension() {
        PluginMetricsExporter current = exporter;
        if (current == null) {
            throw new IllegalStateException("Plugin '" + NAME + "' is not started: its exporter exists only "
                    + "between start() and stop()");
        }
        return current;
    }

    @Override
    public HealthStatus health() {
        PluginMetricsExporter current = exporter;
        if (current == null) {
            return HealthStatus.unknown("not started");
        }
        return HealthStatus.healthy("exported " + current.exports() + " times")
                .withDetail("exports", current.exports())
                .withDetail(MetricsConfig.HEALTH_DETAILS, config.healthDetails());
    }
}
