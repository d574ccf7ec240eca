package org.gcommon.plugin.console.internal;

import org.gcommon.plugin.api.extension.ExtensionPoint;
import org.gcommon.plugin.api.extension.MetricsExporter;
import org.osgi.service.component.annotations.Component;

/** Declares the container's metrics extension point, served by {@link MetricsServlet}. */
@Component(service = ExtensionPoint.class)
public class MetricsExtensionPoint implements ExtensionPoint<MetricsExporter> {

    @Override
    public String name() {
        return MetricsExporter.POINT;
    }

    @Override
    public String description() {
        return "Prometheus text metrics, served together at GET /metrics";
    }

    @Override
    public Class<MetricsExporter> type() {
        return MetricsExporter.class;
    }
}
