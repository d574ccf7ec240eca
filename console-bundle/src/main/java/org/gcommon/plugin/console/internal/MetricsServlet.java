package org.gcommon.plugin.console.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.gcommon.plugin.api.extension.Extensions;
import org.gcommon.plugin.api.extension.MetricsExporter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /metrics}: the host of the {@value MetricsExporter#POINT} extension point. Everything the
 * active exporters write, one after the other, in the Prometheus text format. An exporter that fails
 * is left out of that answer with a comment; the others are still served.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("gcommon-metrics")
@HttpWhiteboardServletPattern("/metrics")
public class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Extensions extensions;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Extensions current = extensions;
        StringWriter out = new StringWriter();
        List<MetricsExporter> exporters = current == null ? List.of()
                : current.extensions(MetricsExporter.POINT, MetricsExporter.class);
        if (exporters.isEmpty()) {
            out.write("# no metrics exporter is active: deploy a plugin that extends " + MetricsExporter.POINT + "\n");
        }
        for (MetricsExporter exporter : exporters) {
            StringWriter one = new StringWriter();
            try {
                exporter.export(one);
                out.write(one.toString());
            } catch (IOException | RuntimeException e) {
                log("metrics exporter " + exporter.getClass().getName() + " failed", e);
                out.write("# exporter " + exporter.getClass().getName() + " failed: see the container log\n");
            }
        }
        byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/plain; version=0.0.4; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
