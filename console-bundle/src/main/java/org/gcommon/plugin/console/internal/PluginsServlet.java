package org.gcommon.plugin.console.internal;

import java.util.List;
import java.util.Optional;

import org.gcommon.plugin.api.HealthReport;
import org.gcommon.plugin.api.HealthService;
import org.gcommon.plugin.api.PluginInfo;
import org.gcommon.plugin.api.PluginRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/plugins} (every plugin) and {@code GET /api/plugins/{name}} (one plugin): state,
 * type, bundle, health, reasons and permissions. One health report per request, whatever the number
 * of plugins, and no call that waits on a plugin.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("gcommon-plugins")
@HttpWhiteboardServletPattern({ PluginsServlet.PATH, PluginsServlet.PATH + "/*" })
public class PluginsServlet extends JsonServlet {

    private static final long serialVersionUID = 1L;

    static final String PATH = "/api/plugins";

    /** Long enough for any valid name or file name, short enough to keep error bodies small. */
    private static final int MAX_NAME_IN_ERROR = 200;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile HealthService healthService;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PluginRegistry registry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile org.gcommon.plugin.api.security.PluginPermissions sandbox;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile org.gcommon.plugin.api.security.PluginLimits limits;

    private transient BundlePermissions permissions;

    @Activate
    void activate(BundleContext context) {
        permissions = new BundlePermissions(context);
    }

    @Override
    JsonAnswer answer(HttpServletRequest request) {
        HealthService health = healthService;
        PluginRegistry plugins = registry;
        if (health == null || plugins == null) {
            return new JsonAnswer(HttpServletResponse.SC_SERVICE_UNAVAILABLE, json.error(
                    HealthServlet.MANAGER_MISSING, "start bundle org.gcommon.plugin.manager (see system/ and the container log)"));
        }
        Optional<String> name = nameIn(request.getPathInfo());
        HealthReport report = health.report();
        if (name.isEmpty()) {
            List<PluginInfo> listed = plugins.plugins();
            permissions.retainOnly(listed);
            org.gcommon.plugin.api.security.PluginPermissions current = sandbox;
            org.gcommon.plugin.api.security.PluginLimits currentLimits = limits;
            return JsonAnswer.ok(json.pluginList(listed, report, info -> permissions.of(info, current, currentLimits)));
        }
        Optional<PluginInfo> found = plugins.plugin(name.get());
        if (found.isEmpty()) {
            return new JsonAnswer(HttpServletResponse.SC_NOT_FOUND, json.error(
                    "no plugin named '" + shorten(name.get()) + "'",
                    "GET " + PATH + " lists every plugin by name"));
        }
        PluginInfo info = found.get();
        return JsonAnswer.ok(json.plugin(info, PluginJson.healthOf(info, report), permissions.of(info, sandbox, limits)));
    }

    /** @return the plugin name after {@code /api/plugins/}, empty for the list itself */
    static Optional<String> nameIn(String pathInfo) {
        if (pathInfo == null || pathInfo.equals("/")) {
            return Optional.empty();
        }
        return Optional.of(pathInfo.substring(1));
    }

    private static String shorten(String name) {
        return name.length() <= MAX_NAME_IN_ERROR ? name : name.substring(0, MAX_NAME_IN_ERROR) + "…";
    }
}
