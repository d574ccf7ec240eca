package org.gcommon.plugin.console.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.gcommon.plugin.api.HealthReport;
import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.PluginInfo;
import org.gcommon.plugin.api.PluginState;
import org.gcommon.plugin.api.admin.AdminEvent;
import org.gcommon.plugin.api.admin.AdminResult;
import org.gcommon.plugin.api.admin.LastUpdate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON documents of the management API: {@code /health}, the plugin list, one plugin, errors.
 * Field names and order are part of the container's public contract; times are ISO-8601 instants.
 */
final class PluginJson {

    private final ObjectMapper mapper;

    PluginJson(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * The health a plugin is shown with: what the report says for an ACTIVE plugin; UNKNOWN for any
     * other state, since only an active plugin is asked.
     *
     * @param info the plugin
     * @param report the health report of the same request
     * @return the plugin's health
     */
    static HealthStatus healthOf(PluginInfo info, HealthReport report) {
        if (info.state() != PluginState.ACTIVE) {
            return HealthStatus.unknown("not active (" + info.state() + ")");
        }
        HealthStatus reported = report.plugins().get(info.name());
        return reported != null ? reported : HealthStatus.unknown("no health answer yet");
    }

    /** {@code GET /health} without the sandbox's part (the security bundle is not known). */
    ObjectNode health(HealthReport report, List<PluginInfo> plugins) {
        return health(report, plugins, null);
    }

    /**
     * {@code GET /health}: the aggregate, the runtime's own problems and each plugin's health.
     *
     * @param report the health report
     * @param plugins every plugin, as the registry lists them
     * @param sandbox the plugin sandbox, {@code null} when the security bundle is not running
     * @return {@code {"status", "runtimeProblems", "sandbox": {"enforcer", "enforcement"}, "plugins": [{"name",
     *         "version", "state", "health": {"status", "message"}}]}}
     */
    ObjectNode health(HealthReport report, List<PluginInfo> plugins,
            org.gcommon.plugin.api.security.PluginPermissions sandbox) {
        ObjectNode root = mapper.createObjectNode();
        root.put("status", report.status().name());
        ArrayNode problems = root.putArray("runtimeProblems");
        report.runtimeProblems().forEach(problems::add);
        ObjectNode enforcement = root.putObject("sandbox");
        enforcement.put("enforcer", sandbox == null ? "none" : sandbox.enforcer());
        enforcement.put("enforcement", sandbox == null ? "the security bundle (org.gcommon.plugin.security) is not running"
                : sandbox.enforcement());
        ArrayNode list = root.putArray("plugins");
        for (PluginInfo info : plugins) {
            ObjectNode entry = list.addObject();
            entry.put("name", info.name());
            entry.put("version", info.version());
            entry.put("state", info.state().name());
            HealthStatus health = healthOf(info, report);
            ObjectNode node = entry.putObject("health");
            node.put("status", health.status().name());
            node.put("message", health.message());
        }
        return root;
    }

    /**
     * {@code GET /health} while no health report can be had (the plugin manager is not running):
     * the runtime is unsound, which is what UNHEALTHY means.
     *
     * @param problem what is missing
     * @return the health document with no plugins
     */
    ObjectNode healthWithoutRuntime(String problem) {
        ObjectNode root = mapper.createObjectNode();
        root.put("status", HealthStatus.Status.UNHEALTHY.name());
        root.putArray("runtimeProblems").add(problem);
        root.putArray("plugins");
        return root;
    }

    /**
     * {@code GET /api/plugins}.
     *
     * @param plugins every plugin
     * @param report the health report of the same request
     * @param permissions the permissions of a plugin
     * @return {@code {"plugins": [info…]}}
     */
    ObjectNode pluginList(List<PluginInfo> plugins, HealthReport report, Function<PluginInfo, Permissions> permissions) {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode list = root.putArray("plugins");
        for (PluginInfo info : plugins) {
            list.add(plugin(info, healthOf(info, report), permissions.apply(info)));
        }
        return root;
    }

    /**
     * {@code GET /api/plugins/{name}}: everything the runtime knows about one plugin.
     *
     * @param info the plugin
     * @param health its health
     * @param permissions its permissions
     * @return the info object
     */
    ObjectNode plugin(PluginInfo info, HealthStatus health, Permissions permissions) {
        ObjectNode node = mapper.createObjectNode();
        node.put("name", info.name());
        node.put("version", info.version());
        node.put("type", info.type().name());
        node.put("state", info.state().name());
        node.put("stateSince", info.stateSince().toString());
        node.put("bundleId", info.bundleId());
        node.put("symbolicName", info.symbolicName());
        node.put("location", info.location());
        node.put("providerType", info.providerType().orElse(null));
        node.put("ranking", info.ranking());
        node.put("lastError", info.lastError().orElse(null));
        ArrayNode reasons = node.putArray("reasons");
        info.reasons().forEach(reasons::add);
        node.set("health", fullHealth(health));
        ObjectNode perms = node.putObject("permissions");
        ArrayNode declared = perms.putArray("declared");
        permissions.declared().forEach(declared::add);
        ArrayNode effective = perms.putArray("effective");
        permissions.effective().forEach(effective::add);
        ArrayNode granted = perms.putArray("granted");
        permissions.granted().forEach(granted::add);
        perms.put("enforcement", permissions.enforcement());
        ObjectNode limits = node.putObject("limits");
        permissions.limits().forEach((k, v) -> limits.set(k, mapper.valueToTree(v)));
        ArrayNode denials = node.putArray("denials");
        for (org.gcommon.plugin.api.security.Denial d : permissions.denials()) {
            ObjectNode denial = denials.addObject();
            denial.put("permission", d.permission());
            denial.put("count", d.count());
            denial.put("lastTime", d.lastTime().toString());
            denial.put("fix", d.fix());
        }
        return node;
    }

    /**
     * An error document: what was wrong and, when there is one, how to fix it.
     *
     * @param error what was wrong, naming the input
     * @param fix what to do instead, or {@code null}
     * @return {@code {"error", "fix"}}
     */
    ObjectNode error(String error, String fix) {
        ObjectNode node = mapper.createObjectNode();
        node.put("error", error);
        if (fix != null) {
            node.put("fix", fix);
        }
        return node;
    }

    /**
     * Adds {@code lastUpdate} {@code {"version", "outcome", "reason", "time"}} (or {@code null}) to a
     * plugin's object.
     *
     * @param plugin the plugin's object, from {@link #plugin}
     * @param update the last update tried on it
     */
    void putLastUpdate(ObjectNode plugin, java.util.Optional<LastUpdate> update) {
        if (update.isEmpty()) {
            plugin.putNull("lastUpdate");
            return;
        }
        ObjectNode node = plugin.putObject("lastUpdate");
        node.put("version", update.get().version());
        node.put("outcome", update.get().outcome().name());
        node.put("reason", update.get().reason());
        node.put("time", update.get().time().toString());
    }

    /**
     * Adds {@code signers} {@code [{"subject", "sha256"}]} to a plugin's object: empty for an unsigned jar.
     *
     * @param plugin  the plugin's object, from {@link #plugin}
     * @param signers who signed its bundle
     */
    void putSigners(ObjectNode plugin, List<BundleSigners.Signer> signers) {
        ArrayNode list = plugin.putArray("signers");
        for (BundleSigners.Signer signer : signers) {
            list.addObject().put("subject", signer.subject()).put("sha256", signer.sha256());
        }
    }

    /**
     * @param result what a management call did
     * @return {@code {"name", "version", "state", "outcome", "messages"}}
     */
    ObjectNode result(AdminResult result) {
        ObjectNode node = mapper.createObjectNode();
        node.put("name", result.name());
        node.put("version", result.version());
        node.put("state", result.state() == null ? null : result.state().name());
        node.put("outcome", result.outcome().name());
        ArrayNode messages = node.putArray("messages");
        result.messages().forEach(messages::add);
        return node;
    }

    /**
     * @param events the most recent events, newest first
     * @return {@code {"events": [{"time", "plugin", "kind", "message"}]}}
     */
    ObjectNode events(List<AdminEvent> events) {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode list = root.putArray("events");
        for (AdminEvent e : events) {
            ObjectNode node = list.addObject();
            node.put("time", e.time().toString());
            node.put("plugin", e.plugin());
            node.put("kind", e.kind());
            node.put("message", e.message());
        }
        return root;
    }

    private ObjectNode fullHealth(HealthStatus health) {
        ObjectNode node = mapper.createObjectNode();
        node.put("status", health.status().name());
        node.put("message", health.message());
        ObjectNode details = node.putObject("details");
        for (Map.Entry<String, Object> detail : health.details().entrySet()) {
            details.set(detail.getKey(), detailValue(detail.getValue()));
        }
        node.put("time", health.time().toString());
        return node;
    }

    /**
     * Details come from plugins and should be strings, numbers, booleans, lists or maps; anything
     * Jackson cannot map is shown by its {@code toString()} instead of failing the whole listing.
     */
    private JsonNode detailValue(Object value) {
        try {
            return mapper.valueToTree(value);
        } catch (IllegalArgumentException e) {
            return mapper.getNodeFactory().textNode(String.valueOf(value));
        }
    }
}
