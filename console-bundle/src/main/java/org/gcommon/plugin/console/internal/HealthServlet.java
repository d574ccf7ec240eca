package org.gcommon.plugin.console.internal;

import java.util.List;

import org.gcommon.plugin.api.HealthReport;
import org.gcommon.plugin.api.HealthService;
import org.gcommon.plugin.api.PluginInfo;
import org.gcommon.plugin.api.PluginRegistry;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code GET /health}: the container's health for people, load balancers and orchestrators.
 * 200 unless the aggregate is UNHEALTHY (503); see {@link HealthHttpStatus}.
 *
 * <p>The plugin manager's services are optional here so that {@code /health} answers (503, naming
 * the problem) even when the manager is not running, instead of disappearing with a 404.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("gcommon-health")
@HttpWhiteboardServletPattern("/health")
public class HealthServlet extends JsonServlet {

    private static final long serialVersionUID = 1L;

    static final String MANAGER_MISSING = "the plugin manager is not running (bundle org.gcommon.plugin.manager): "
            + "no plugin is managed; the container log says why it did not start";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile HealthService healthService;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PluginRegistry registry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile org.gcommon.plugin.api.security.PluginPermissions sandbox;

    @Override
    JsonAnswer answer(HttpServletRequest request) {
        HealthService health = healthService;
        PluginRegistry plugins = registry;
        if (health == null || plugins == null) {
            return new JsonAnswer(HealthHttpStatus.SERVICE_UNAVAILABLE, json.healthWithoutRuntime(MANAGER_MISSING));
        }
        // report() is bounded in time (hung plugins show UNKNOWN); the registry is a snapshot
        HealthReport report = health.report();
        List<PluginInfo> listed = plugins.plugins();
        return new JsonAnswer(HealthHttpStatus.of(report.status()), json.health(report, listed, sandbox));
    }
}
