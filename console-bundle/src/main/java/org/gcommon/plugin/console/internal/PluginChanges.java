package org.gcommon.plugin.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gcommon.plugin.api.admin.AdminException;
import org.gcommon.plugin.api.admin.AdminResult;
import org.gcommon.plugin.api.admin.PluginAdmin;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The plugin API's calls that change something, each translated to one {@link PluginAdmin} call:
 * request bodies are read and checked here, the outcome becomes the HTTP status a client can act on.
 */
final class PluginChanges {

    /** Default upload limit; {@code upload.max.bytes} in {@code etc/org.gcommon.plugin.console.cfg}. */
    static final long DEFAULT_MAX_UPLOAD = 64L << 20;

    private final PluginAdmin admin;
    private final PluginJson json;
    private final ObjectMapper mapper;
    private final Path spoolDir;
    private final long maxUpload;

    PluginChanges(PluginAdmin admin, PluginJson json, ObjectMapper mapper, Path spoolDir, long maxUpload) {
        this.admin = admin;
        this.json = json;
        this.mapper = mapper;
        this.spoolDir = spoolDir;
        this.maxUpload = maxUpload;
    }

    /** {@code POST /api/plugins}: install from the uploaded jar or from {@code {"source"}}. */
    JsonAnswer install(HttpServletRequest request) {
        return call(() -> {
            if (RequestBodies.kindOf(request) == RequestBodies.Kind.JSON) {
                return admin.install(source(request));
            }
            String file = request.getParameter("file");
            if (file == null || file.isBlank()) {
                throw new HttpProblem(HttpServletResponse.SC_BAD_REQUEST, "an uploaded jar needs a file name",
                        "add ?file=NAME.jar to the URL: the name the jar gets in deploy/");
            }
            return withUpload(request, in -> admin.install(file, in));
        }, HttpServletResponse.SC_CREATED);
    }

    /** {@code POST /api/plugins/{name}/update}: replace with the uploaded jar or {@code {"source"}}. */
    JsonAnswer update(String name, HttpServletRequest request) {
        return call(() -> RequestBodies.kindOf(request) == RequestBodies.Kind.JSON ? admin.update(name, source(request))
                : withUpload(request, in -> admin.update(name, in)), HttpServletResponse.SC_OK);
    }

    JsonAnswer start(String name) {
        return call(() -> admin.start(name), HttpServletResponse.SC_OK);
    }

    JsonAnswer stop(String name) {
        return call(() -> admin.stop(name), HttpServletResponse.SC_OK);
    }

    JsonAnswer uninstall(String name) {
        return call(() -> admin.uninstall(name), HttpServletResponse.SC_OK);
    }

    /** {@code GET|PUT /api/plugins/{name}/config}. */
    JsonAnswer configuration(String name, HttpServletRequest request) {
        return read(() -> {
            if (!isGet(request)) {
                JsonNode body = RequestBodies.jsonObject(request, mapper);
                admin.configure(name, mapper.convertValue(body, new TypeReference<Map<String, Object>>() {
                }));
            }
            ObjectNode node = mapper.createObjectNode();
            node.put("name", name);
            node.set("configuration", mapper.valueToTree(admin.configuration(name)));
            return node;
        });
    }

    /** {@code GET|PUT /api/plugins/{name}/grants}: body and answer {@code {"permissions": [..]}}. */
    JsonAnswer grants(String name, HttpServletRequest request) {
        return read(() -> {
            if (!isGet(request)) {
                JsonNode list = RequestBodies.jsonObject(request, mapper).get("permissions");
                if (list == null || !list.isArray()) {
                    throw new HttpProblem(HttpServletResponse.SC_BAD_REQUEST, "the body has no \"permissions\" list",
                            "send {\"permissions\": [\"(java.net.SocketPermission \\\"127.0.0.1:*\\\" \\\"connect\\\")\"]}"
                                    + "; an empty list removes the grant");
                }
                List<String> permissions = new ArrayList<>();
                for (JsonNode item : list) {
                    if (!item.isTextual()) {
                        throw new HttpProblem(HttpServletResponse.SC_BAD_REQUEST, "\"permissions\" holds " + item
                                + ", not a string", "give each permission as a string: (type \"name\" \"actions\")");
                    }
                    permissions.add(item.asText());
                }
                admin.grant(name, permissions);
            }
            ObjectNode node = mapper.createObjectNode();
            node.put("name", name);
            node.set("permissions", mapper.valueToTree(admin.grants(name)));
            return node;
        });
    }

    /** {@code GET|PUT /api/plugins/{name}/limits}: body and answer {@code {"limits": {..}}}. */
    JsonAnswer limits(String name, HttpServletRequest request) {
        return read(() -> {
            if (!isGet(request)) {
                JsonNode object = RequestBodies.jsonObject(request, mapper).get("limits");
                if (object == null || !object.isObject()) {
                    throw new HttpProblem(HttpServletResponse.SC_BAD_REQUEST, "the body has no \"limits\" object",
                            "send {\"limits\": {\"threads.max\": 16}}; an empty object removes the plugin's overrides");
                }
                Map<String, Long> limits = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) object::fields) {
                    if (!e.getValue().canConvertToExactIntegral() || !e.getValue().canConvertToLong()) {
                        throw new HttpProblem(HttpServletResponse.SC_BAD_REQUEST, "limit \"" + PluginPath.shorten(e.getKey())
                                + "\" is " + PluginPath.shorten(e.getValue().toString()) + ", not a whole number",
                                "give each limit as a positive whole number");
                    }
                    limits.put(e.getKey(), e.getValue().longValue());
                }
                admin.setLimits(name, limits);
            }
            ObjectNode node = mapper.createObjectNode();
            node.put("name", name);
            node.set("limits", mapper.valueToTree(admin.limits(name)));
            return node;
        });
    }

    private String source(HttpServletRequest request) {
        JsonNode source = RequestBodies.jsonObject(request, mapper).get("source");
        if (source == null || !source.isTextual() || source.asText().isBlank()) {
            throw new HttpProblem(HttpServletResponse.SC_BAD_REQUEST, "the JSON body has no \"source\" string",
                    "send {\"source\": \"mvn:group/artifact/version\"} (or a file:, http: or https: URL), or the jar "
                            + "itself as application/java-archive");
        }
        return source.asText();
    }

    private AdminResult withUpload(HttpServletRequest request, Upload upload) throws AdminException {
        Path spooled = null;
        try {
            spooled = RequestBodies.spool(request, maxUpload, spoolDir);
            try (InputStream in = Files.newInputStream(spooled)) {
                return upload.apply(in);
            }
        } catch (IOException e) {
            throw new HttpProblem(HttpServletResponse.SC_BAD_REQUEST, "the upload could not be read: " + e.getMessage(),
                    "send the jar again");
        } finally {
            deleteQuietly(spooled);
        }
    }

    private JsonAnswer call(Call call, int successStatus) {
        AdminResult result;
        try {
            result = call.run();
        } catch (AdminException e) {
            return problem(e);
        }
        if (!result.outcome().succeeded()) {
            // 422: the request was understood and carried out as far as it safely could; the body is an error
            // like any other (error, fix) that also carries the result
            com.fasterxml.jackson.databind.node.ObjectNode body = json.error(result.name() + " " + result.version() + ": "
                    + result.outcome() + (result.messages().isEmpty() ? "" : ": " + result.messages().get(0)),
                    switch (result.outcome()) {
                        case REJECTED -> "fix the jar as the reasons say and send it again; nothing was installed";
                        case ROLLED_BACK -> "the previous version runs again: fix the new version and update again";
                        default -> "the plugin is installed but not running: fix it and update it, or uninstall it";
                    });
            body.setAll(json.result(result));
            return new JsonAnswer(422, body);
        }
        int status = result.outcome() == AdminResult.Outcome.UNCHANGED ? HttpServletResponse.SC_OK : successStatus;
        return new JsonAnswer(status, json.result(result));
    }

    private JsonAnswer read(Read read) {
        try {
            return JsonAnswer.ok(read.run());
        } catch (AdminException e) {
            return problem(e);
        }
    }

    private JsonAnswer problem(AdminException e) {
        int status = switch (e.problem()) {
            case BAD_INPUT -> HttpServletResponse.SC_BAD_REQUEST;
            case NOT_FOUND -> HttpServletResponse.SC_NOT_FOUND;
            case CONFLICT -> HttpServletResponse.SC_CONFLICT;
            case UNAVAILABLE -> HttpServletResponse.SC_BAD_GATEWAY;
            case STORAGE -> 507; // Insufficient Storage: the container cannot keep what was asked
        };
        String fix = switch (e.problem()) {
            case NOT_FOUND -> "GET /api/plugins lists every plugin by name";
            case UNAVAILABLE -> "check the source and the container log, then try again";
            case STORAGE -> "free space in, or give write access to, the container's home, then try again";
            default -> null;
        };
        return new JsonAnswer(status, json.error(e.getMessage(), fix));
    }

    private static boolean isGet(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
        }
    }

    @FunctionalInterface
    private interface Call {
        AdminResult run() throws AdminException;
    }

    @FunctionalInterface
    private interface Read {
        JsonNode run() throws AdminException;
    }

    @FunctionalInterface
    private interface Upload {
        AdminResult apply(InputStream jar) throws AdminException;
    }
}
