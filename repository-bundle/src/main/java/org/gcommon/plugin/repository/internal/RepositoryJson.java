package org.gcommon.plugin.repository.internal;

import java.util.List;
import java.util.Optional;

import org.gcommon.plugin.api.admin.AdminResult;
import org.osgi.resource.Requirement;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The repository API's JSON answers. */
final class RepositoryJson {

    private final ObjectMapper mapper;

    RepositoryJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** @return {@code {"plugins": [{"name","version","type","description","symbolicName","repository","versions"}]}} */
    ObjectNode search(List<List<CatalogEntry>> found, List<String> problems) {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode plugins = root.putArray("plugins");
        for (List<CatalogEntry> versions : found) {
            CatalogEntry newest = versions.get(0);
            ObjectNode plugin = plugins.addObject();
            plugin.put("name", newest.name());
            plugin.put("version", newest.version().toString());
            plugin.put("type", newest.type());
            plugin.put("description", newest.description());
            plugin.put("symbolicName", newest.symbolicName());
            plugin.put("repository", newest.repository());
            ArrayNode list = plugin.putArray("versions");
            versions.forEach(v -> list.add(v.version().toString()));
        }
        putProblems(root, problems);
        return root;
    }

    /** @return one plugin's versions, each with what it requires and whether it runs here */
    ObjectNode versions(String name, List<CatalogEntry> versions, ApiCompatibility compatibility, Optional<String> installed,
            List<String> problems) {
        ObjectNode root = mapper.createObjectNode();
        CatalogEntry newest = versions.get(0);
        root.put("name", newest.name());
        root.put("symbolicName", newest.symbolicName());
        root.put("type", newest.type());
        root.put("description", newest.description());
        if (installed.isPresent()) {
            root.put("installed", installed.get());
        } else {
            root.putNull("installed");
        }
        root.put("api", compatibility.apiVersion().map(Object::toString).orElse(""));
        ArrayNode list = root.putArray("versions");
        for (CatalogEntry entry : versions) {
            ObjectNode version = list.addObject();
            version.put("version", entry.version().toString());
            version.put("source", String.valueOf(entry.source()));
            version.put("sha256", entry.sha256());
            version.put("size", entry.size());
            version.put("repository", entry.repository());
            Optional<String> incompatible = compatibility.incompatibility(entry);
            version.put("compatible", incompatible.isEmpty());
            if (incompatible.isPresent()) {
                version.put("incompatibility", incompatible.get());
            }
            ArrayNode requires = version.putArray("requires");
            for (Requirement requirement : entry.resource().getRequirements(null)) {
                if (requirement.getNamespace().startsWith("osgi.wiring.package")
                        && String.valueOf(requirement.getDirectives().get("filter")).contains("=java.")) {
                    continue; // the JDK's own packages: always there
                }
                ObjectNode req = requires.addObject();
                req.put("namespace", requirement.getNamespace());
                req.put("filter", requirement.getDirectives().getOrDefault("filter", ""));
                String resolution = requirement.getDirectives().get("resolution");
                String effective = requirement.getDirectives().get("effective");
                if (resolution != null) {
                    req.put("resolution", resolution);
                }
                if (effective != null) {
                    req.put("effective", effective);
                }
            }
        }
        putProblems(root, problems);
        return root;
    }

    /** @return {@code {"plan": [...], "results": [...], "dryRun"}} */
    ObjectNode report(InstallReport report) {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode plan = root.putArray("plan");
        for (PlanStep step : report.plan()) {
            ObjectNode node = plan.addObject();
            node.put("name", step.entry().name());
            node.put("version", step.entry().version().toString());
            node.put("symbolicName", step.entry().symbolicName());
            node.put("type", step.entry().type());
            node.put("reason", step.reason());
            node.put("source", String.valueOf(step.entry().source()));
            node.put("sha256", step.entry().sha256());
            node.put("repository", step.entry().repository());
        }
        ArrayNode results = root.putArray("results");
        for (AdminResult result : report.results()) {
            ObjectNode node = results.addObject();
            node.put("name", result.name());
            node.put("version", result.version());
            node.put("state", result.state() == null ? null : result.state().name());
            node.put("outcome", result.outcome().name());
            ArrayNode messages = node.putArray("messages");
            result.messages().forEach(messages::add);
        }
        root.put("dryRun", report.dryRun());
        return root;
    }

    ObjectNode error(String error, String fix) {
        ObjectNode node = mapper.createObjectNode();
        node.put("error", error);
        if (fix == null) {
            node.putNull("fix");
        } else {
            node.put("fix", fix);
        }
        return node;
    }

    private static void putProblems(ObjectNode root, List<String> problems) {
        if (!problems.isEmpty()) {
            ArrayNode array = root.putArray("problems");
            problems.forEach(array::add);
        }
    }
}
