package ${package};

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.PluginException;
import org.gcommon.plugin.api.extension.ExtensionPlugin;
import org.gcommon.plugin.api.extension.MetricsExporter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@code ${pluginName}} extension plugin: contributes a {@link MetricsExporter} to the container's
 * extension point {@value MetricsExporter#POINT}, served at {@code GET /metrics}. Contribute to another
 * point by returning its name and type instead.
 *
 * <p>The runtime finds it as a {@link Plugin} service, hands it the configuration of PID {@value #PID}
 * ({@code etc/${pluginName}.cfg}) in {@link #initialize(Map)}, starts it, asks its {@link #health()} and
 * stops it. Declarative Services only creates and registers it: it ignores the configuration, which the
 * runtime delivers.
 */
@Component(service = { Plugin.class, ExtensionPlugin.class }, configurationPid = ${className}Plugin.PID,
        configurationPolicy = ConfigurationPolicy.IGNORE)
@Designate(ocd = ${className}Config.class)
public class ${className}Plugin implements ExtensionPlugin<MetricsExporter> {

    static final String NAME = "${pluginName}";
    /** The plugin's version; raise it with its behaviour. */
    static final String VERSION = "1.0.0";
    static final String PID = "gcommon.plugin." + NAME;

    private volatile ${className}Config config;
    private volatile Exporter exporter;

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
        if (!read.metricPrefix().matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new PluginException("Configuration key 'metricPrefix' of plugin '" + NAME + "' is '"
                    + read.metricPrefix() + "', which cannot start a metric name: use letters, digits and '_', e.g. "
                    + "metricPrefix = my_plugin in etc/" + NAME + ".cfg");
        }
        config = read;
    }

    @Override
    public void start(PluginContext context) {
        exporter = new Exporter(config.metricPrefix());
        context.logger().info("{} exports metrics named {}_*", NAME, config.metricPrefix());
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
        Exporter current = exporter;
        if (current == null) {
            throw new IllegalStateException("Plugin '" + NAME + "' is not started: its exporter exists only between "
                    + "start() and stop()");
        }
        return current;
    }

    @Override
    public HealthStatus health() {
        Exporter current = exporter;
        if (current == null) {
            return HealthStatus.unknown("not started");
        }
        long exports = current.exports.get();
        return HealthStatus.healthy("exported " + exports + " times").withDetail("exports", exports);
    }

    /** Writes this plugin's metrics in the Prometheus text format; called by the container for each scrape. */
    static final class Exporter implements MetricsExporter {

        private final String prefix;
        private final AtomicLong exports = new AtomicLong();

        Exporter(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public void export(Writer out) throws IOException {
            long count = exports.incrementAndGet();
            out.write("# HELP " + prefix + "_exports_total Times the container asked this plugin for metrics.\n");
            out.write("# TYPE " + prefix + "_exports_total counter\n");
            out.write(prefix + "_exports_total " + count + "\n");
        }
    }
}
