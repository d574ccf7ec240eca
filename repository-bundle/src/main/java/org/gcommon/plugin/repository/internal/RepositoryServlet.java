package org.gcommon.plugin.repository.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import org.gcommon.plugin.api.admin.AdminResult.Outcome;
import org.osgi.framework.Bundle;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The repository's HTTP API under {@code /api/repository}: search and versions for anyone; install,
 * upgrade, uninstall and applying the desired state with the admin token. Errors are
 * {@code {"error", "fix"}} with the status of their kind, as the rest of the management API.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("gcommon-repository")
@HttpWhiteboardServletPattern({ RepositoryServlet.PATH, RepositoryServlet.PATH + "/*" })
public class RepositoryServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String PATH = "/api/repository";
    static final String CONTENT_TYPE = "application/json; charset=utf-8";
    static final int MAX_BODY = 1024 * 1024;

    @Reference
    private transient PluginRepository repository;

    @Reference
    private transient DesiredStateApplier desired;

    private final transient ObjectMapper mapper = new ObjectMapper();
    private final transient RepositoryJson json = new RepositoryJson(mapper);

    private record Answer(int status, JsonNode body) {
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        Answer answer;
        try {
            if ("GET".equals(method) || "HEAD".equals(method)) {
                answer = read(request, path);
            } else if ("POST".equals(method) || "DELETE".equals(method)) {
                if (!new AdminToken(repository.home()).accepts(request.getHeader("Authorization"))) {
                    response.setHeader("WWW-Authenticate", "Bearer realm=\"gcommon\"");
                    answer = new Answer(401, json.error(method + " " + PATH + path + " needs the admin token",
                            "send 'Authorization: Bearer <token>' with the token from the container's " + AdminToken.FILE));
                } else {
                    answer = change(request, method, path);
                }
            } else {
                response.setHeader("Allow", "DELETE, GET, HEAD, POST");
                answer = new Answer(405, json.error("method " + method + " is not allowed on " + PATH + path,
                        "use GET to read, POST to install, upgrade or apply, DELETE to uninstall"));
            }
        } catch (RepositoryException e) {
            answer = new Answer(e.problem().status(), json.error(e.getMessage(), e.fix()));
        } catch (RuntimeException | LinkageError e) {
            log(method + " " + PATH + path + " failed", e);
            answer = new Answer(500, json.error("internal error, see the container log", null));
        }
        byte[] body = mapper.writeValueAsBytes(answer.body());
        response.setStatus(answer.status());
        response.setContentType(CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        if (!"HEAD".equals(method)) {
            response.getOutputStream().write(body);
        }
    }

    private Answer read(HttpServletRequest request, String path) throws RepositoryException {
        if (path.isEmpty() || "/".equals(path)) {
            ObjectNode root = mapper.createObjectNode();
            var list = root.putArray("repositories");
            repository.locations().forEach(l -> list.addObject().put("configured", l.configured()).put("index", l.index().toString()));
            Catalog catalog = repository.catalog();
            root.put("bundles", catalog.entries().size());
            var problems = root.putArray("problems");
            catalog.problems().forEach(problems::add);
            root.put("desiredFile", "etc/" + repository.desiredFile());
            return new Answer(200, root);
        }
        if ("/plugins".equals(path) || "/plugins/".equals(path)) {
            Catalog catalog = repository.catalog();
            return new Answer(200, json.search(catalog.search(request.getParameter("q"), request.getParameter("type"),
                    request.getParameter("capability")), catalog.problems()));
        }
        if (path.startsWith("/plugins/")) {
            String name = path.substring("/plugins/".length());
            PluginNames.check(name);
            Catalog catalog = repository.catalog();
            List<CatalogEntry> versions = catalog.versions(name);
            if (versions.isEmpty()) {
                throw new RepositoryException(RepositoryException.Problem.NOT_FOUND,
                        "no configured repository offers a plugin named '" + name + "'",
                        "GET " + PATH + "/plugins?q=" + name + " searches the repositories");
            }
            InstalledBundles installed = repository.installed();
            Optional<String> running = installed.bundle(versions.get(0).symbolicName()).map(Bundle::getVersion)
                    .map(Object::toString);
            return new Answer(200, json.versions(name, versions, new ApiCompatibility(installed.apiPackages()), running,
                    catalog.problems()));
        }
        throw notFound(path);
    }

    private Answer change(HttpServletRequest request, String method, String path) throws RepositoryException, IOException {
        if ("DELETE".equals(method) && path.startsWith("/plugins/")) {
            InstallReport report = repository.uninstall(path.substring("/plugins/".length()));
            return new Answer(report.succeeded() ? 200 : 422, json.report(report));
        }
        if ("POST".equals(method) && "/install".equals(path)) {
            JsonNode body = body(request);
            InstallReport report = repository.install(text(body, "name"), text(body, "version"),
                    body.path("dryRun").asBoolean(false), false);
            boolean changed = report.results().stream().anyMatch(r -> r.outcome() == Outcome.INSTALLED);
            return new Answer(!report.succeeded() ? 422 : changed ? 201 : 200, json.report(report));
        }
        if ("POST".equals(method) && "/upgrade".equals(path)) {
            JsonNode body = body(request);
            InstallReport report = repository.upgrade(text(body, "name"), body.path("dryRun").asBoolean(false));
            return new Answer(report.succeeded() ? 200 : 422, json.report(report));
        }
        if ("POST".equals(method) && "/apply".equals(path)) {
            InstallReport report = desired.applyNow();
            return new Answer(report.succeeded() ? 200 : 422, json.report(report));
        }
        throw notFound(path);
    }

    private JsonNode body(HttpServletRequest request) throws RepositoryException, IOException {
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            throw new RepositoryException(RepositoryException.Problem.BAD_INPUT, "the request body is larger than 1 MiB",
                    "send {\"name\": \"…\", \"version\": \"…\", \"dryRun\": false}");
        }
        try {
            JsonNode node = mapper.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new JsonProcessingException("not a JSON object") {
                    private static final long serialVersionUID = 1L;
                };
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new RepositoryException(RepositoryException.Problem.BAD_INPUT,
                    "the request body is not a JSON object: " + e.getOriginalMessage(),
                    "send {\"name\": \"…\", \"version\": \"…\", \"dryRun\": false}");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static RepositoryException notFound(String path) {
        return new RepositoryException(RepositoryException.Problem.NOT_FOUND, "nothing at " + PATH + path,
                "GET " + PATH + "/plugins, GET " + PATH + "/plugins/{name}, POST " + PATH + "/install, POST " + PATH
                        + "/upgrade, POST " + PATH + "/apply, DELETE " + PATH + "/plugins/{name}");
    }
}
