package org.gcommon.plugin.console.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gcommon.plugin.api.HealthReport;
import org.gcommon.plugin.api.HealthService;
import org.gcommon.plugin.api.PluginInfo;
import org.gcommon.plugin.api.PluginRegistry;
import org.gcommon.plugin.api.admin.PluginAdmin;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /api/plugins}: {@code GET} lists every plugin, {@code GET /api/plugins/{name}} shows one
 * (state, type, bundle, health, reasons and permissions), and its parts {@code config}, {@code grants}
 * and {@code limits}. The calls that change something (install, start, stop, update, uninstall, and
 * {@code PUT} of the parts) need the admin token and go to {@link PluginAdmin}; see
 * {@code docs/management.md}. Reading takes one health report per request, whatever the number of
 * plugins, and no call that waits on a plugin.
 */
@Component(service = Servlet.class, configurationPid = PluginsServlet.PID)
@HttpWhiteboardServletName("gcommon-plugins")
@HttpWhiteboardServletPattern({ PluginsServlet.PATH, PluginsServlet.PATH + "/*" })
public class PluginsServlet extends JsonServlet {

    private static final long serialVersionUID = 1L;

    static final String PATH = "/api/plugins";
    static final String PID = "org.gcommon.plugin.console";
    static final String PROP_MAX_UPLOAD = "upload.max.bytes";

    private static final String MANAGEMENT_MISSING = "the plugin manager's management service is not running";

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

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PluginAdmin admin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AdminAccess adminAccess;

    private transient BundlePermissions permissions;
    private transient BundleContext context;
    private transient Path spoolDir;
    private volatile long maxUpload = PluginChanges.DEFAULT_MAX_UPLOAD;

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        this.context = context;
        permissions = new BundlePermissions(context);
        spoolDir = context.getDataFile("uploads").toPath();
        modified(properties);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        Object value = properties.get(PROP_MAX_UPLOAD);
        long max = PluginChanges.DEFAULT_MAX_UPLOAD;
        if (value != null) {
            try {
                max = Long.parseLong(value.toString().strip());
            } catch (NumberFormatException e) {
                max = -1;
            }
            if (max <= 0) {
                log(PROP_MAX_UPLOAD + " = " + value + " in etc/" + PID + ".cfg is not a positive number of bytes; "
                        + "keeping " + PluginChanges.DEFAULT_MAX_UPLOAD);
                max = PluginChanges.DEFAULT_MAX_UPLOAD;
            }
        }
        maxUpload = max;
    }

    @Override
    AdminAccess access() {
        return adminAccess;
    }

    @Override
    Set<String> changeMethods() {
        return Set.of("POST", "PUT", "DELETE");
    }

    @Override
    JsonAnswer answer(HttpServletRequest request) {
        PluginPath path = PluginPath.parse(request.getPathInfo());
        if (path.part() != null) {
            return switch (path.part()) {
                case "config" -> changes().configuration(path.name(), request);
                case "grants" -> changes().grants(path.name(), request);
                case "limits" -> changes().limits(path.name(), request);
                default -> throw notAllowed(request, path, "POST");
            };
        }
        HealthService health = healthService;
        PluginRegistry plugins = registry;
        if (health == null || plugins == null) {
            return new JsonAnswer(HttpServletResponse.SC_SERVICE_UNAVAILABLE, json.error(
                    HealthServlet.MANAGER_MISSING, "start bundle org.gcommon.plugin.manager (see system/ and the container log)"));
        }
        HealthReport report = health.report();
        if (path.name() == null) {
            List<PluginInfo> listed = plugins.plugins();
            permissions.retainOnly(listed);
            org.gcommon.plugin.api.security.PluginPermissions current = sandbox;
            org.gcommon.plugin.api.security.PluginLimits currentLimits = limits;
            ObjectNode list = json.pluginList(listed, report, info -> permissions.of(info, current, currentLimits));
            PluginAdmin management = admin;
            if (management != null) {
                list.get("plugins").forEach(p -> json.putLastUpdate((ObjectNode) p, management.lastUpdate(p.get("name").asText())));
            }
            return JsonAnswer.ok(list);
        }
        Optional<PluginInfo> found = plugins.plugin(path.name());
        if (found.isEmpty()) {
            return new JsonAnswer(HttpServletResponse.SC_NOT_FOUND, json.error(
                    "no plugin named '" + PluginPath.shorten(path.name()) + "'",
                    "GET " + PATH + " lists every plugin by name"));
        }
        PluginInfo info = found.get();
        ObjectNode node = json.plugin(info, PluginJson.healthOf(info, report), permissions.of(info, sandbox, limits));
        json.putSigners(node, BundleSigners.of(info.bundleId() < 0 ? null : context.getBundle(info.bundleId())));
        PluginAdmin management = admin;
        if (management != null) {
            json.putLastUpdate(node, management.lastUpdate(info.name()));
        }
        return JsonAnswer.ok(node);
    }

    @Override
    JsonAnswer change(HttpServletRequest request) {
        PluginPath path = PluginPath.parse(request.getPathInfo());
        String method = request.getMethod();
        if (path.name() == null) {
            if (!method.equals("POST")) {
                throw notAllowed(request, path, "GET, POST");
            }
            return changes().install(request);
        }
        if (path.part() == null) {
            if (!method.equals("DELETE")) {
                throw notAllowed(request, path, "GET, DELETE");
            }
            return changes().uninstall(path.name());
        }
        boolean action = switch (path.part()) {
            case "start", "stop", "update" -> true;
            default -> false;
        };
        if (action != method.equals("POST") || (!action && !method.equals("PUT"))) {
            throw notAllowed(request, path, action ? "POST" : "GET, PUT");
        }
        return switch (path.part()) {
            case "start" -> changes().start(path.name());
            case "stop" -> changes().stop(path.name());
            case "update" -> changes().update(path.name(), request);
            case "config" -> changes().configuration(path.name(), request);
            case "grants" -> changes().grants(path.name(), request);
            default -> changes().limits(path.name(), request);
        };
    }

    private PluginChanges changes() {
        PluginAdmin current = admin;
        if (current == null) {
            throw new HttpProblem(HttpServletResponse.SC_SERVICE_UNAVAILABLE, MANAGEMENT_MISSING,
                    "start bundle org.gcommon.plugin.manager (see system/ and the container log)");
        }
        return new PluginChanges(current, json, mapper, spoolDir, maxUpload);
    }

    private static HttpProblem notAllowed(HttpServletRequest request, PluginPath path, String allowed) {
        return new HttpProblem(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "method " + request.getMethod()
                + " is not allowed on " + PluginPath.shorten(request.getRequestURI()), "use " + allowed);
    }
}
