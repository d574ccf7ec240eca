package org.gcommon.plugin.maven.docs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.gcommon.plugin.maven.docs.HeaderClauses.Clause;
import org.gcommon.plugin.maven.docs.PluginDoc.ConfigKey;
import org.gcommon.plugin.maven.docs.PluginDoc.Event;
import org.gcommon.plugin.maven.docs.PluginDoc.ExportedPackage;
import org.gcommon.plugin.maven.docs.PluginDoc.HealthState;
import org.gcommon.plugin.maven.docs.PluginDoc.Permission;
import org.gcommon.plugin.maven.docs.PluginDoc.ProvidedService;
import org.gcommon.plugin.maven.docs.PluginDoc.UsedService;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads the documentation of every plugin in a bundle jar. A plugin is a Declarative Services component
 * that provides {@code org.gcommon.plugin.api.Plugin}; its name comes from its configuration PID
 * ({@code gcommon.plugin.<name>}), the configuration table from the metatype description designated for
 * that PID, the rest from the manifest and {@code OSGI-INF/permissions.perm}.
 */
public final class BundleReader {

    /** Manifest header: the health statuses a plugin reports, {@code STATUS;when="..."}. */
    public static final String HEALTH_HEADER = "Gcommon-Health";
    /** Manifest header: topics published, relative to the plugin's own prefix, {@code topic;description="..."}. */
    public static final String PUBLISHES_HEADER = "Gcommon-Publishes";
    /** Manifest header: topic filters subscribed to, {@code filter;description="..."}. */
    public static final String SUBSCRIBES_HEADER = "Gcommon-Subscribes";

    private static final String PLUGIN = "org.gcommon.plugin.api.Plugin";
    private static final String PID_PREFIX = "gcommon.plugin.";
    private static final Pattern PERMISSION = Pattern.compile(
            "\\(\\s*([\\w.$]+)\\s*(?:\"([^\"]*)\")?\\s*(?:\"([^\"]*)\")?\\s*\\)");

    private BundleReader() {
    }

    /**
     * @param jar a bundle jar
     * @return one entry per plugin component; empty when the bundle has none
     * @throws IOException when the jar cannot be read, or its XML descriptors cannot be parsed (the message names the entry)
     */
    public static List<PluginDoc> read(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            if (file.getManifest() == null) {
                throw new IOException(jar + " has no manifest: is it the bundle built by bnd?");
            }
            Attributes main = file.getManifest().getMainAttributes();
            List<Element> components = new ArrayList<>();
            for (Clause c : HeaderClauses.parse(main.getValue("Service-Component"))) {
                Document d = xml(file, c.name());
                if (d != null) {
                    components.addAll(elements(d.getDocumentElement(), "component", true));
                    if ("component".equals(local(d.getDocumentElement()))) {
                        components.add(d.getDocumentElement());
                    }
                }
            }
            Map<String, Element> ocds = new LinkedHashMap<>();
            Map<String, String> designates = new LinkedHashMap<>();
            for (Enumeration<? extends ZipEntry> e = file.entries(); e.hasMoreElements();) {
                String name = e.nextElement().getName();
                if (name.startsWith("OSGI-INF/metatype/") && name.endsWith(".xml")) {
                    Document d = xml(file, name);
                    for (Element ocd : elements(d.getDocumentElement(), "OCD", false)) {
                        ocds.put(ocd.getAttribute("id"), ocd);
                    }
                    for (Element des : elements(d.getDocumentElement(), "Designate", false)) {
                        for (Element object : elements(des, "Object", false)) {
                            designates.put(des.getAttribute("pid"), object.getAttribute("ocdref"));
                        }
                    }
                }
            }
            List<Permission> permissions = permissions(file);
            List<ExportedPackage> exports = new ArrayList<>();
            for (Clause c : HeaderClauses.parse(main.getValue("Export-Package"))) {
                exports.add(new ExportedPackage(c.name(), c.attribute("version").isEmpty() ? "0.0.0" : c.attribute("version")));
            }
            List<HealthState> health = new ArrayList<>();
            for (Clause c : HeaderClauses.parse(main.getValue(HEALTH_HEADER))) {
                health.add(new HealthState(c.name(), c.attribute("when")));
            }
            List<PluginDoc> docs = new ArrayList<>();
            for (Element component : components) {
                List<String> provides = new ArrayList<>();
                for (Element service : elements(component, "service", false)) {
                    for (Element provide : elements(service, "provide", false)) {
                        provides.add(provide.getAttribute("interface"));
                    }
                }
                if (!provides.contains(PLUGIN)) {
                    continue;
                }
                String componentName = component.getAttribute("name");
                String pid = component.getAttribute("configuration-pid");
                if (pid.isEmpty()) {
                    pid = componentName;
                }
                String pluginName = pid.startsWith(PID_PREFIX) ? pid.substring(PID_PREFIX.length())
                        : main.getValue("Bundle-SymbolicName").split(";")[0].trim();
                List<ConfigKey> config = new ArrayList<>();
                Element ocd = ocds.get(designates.getOrDefault(pid, ""));
                if (ocd != null) {
                    for (Element ad : elements(ocd, "AD", false)) {
                        config.add(configKey(ad));
                    }
                }
                String properties = properties(component);
                List<ProvidedService> provided = new ArrayList<>();
                for (String p : provides) {
                    provided.add(new ProvidedService(p, properties));
                }
                List<UsedService> used = new ArrayList<>();
                for (Element ref : elements(component, "reference", false)) {
                    used.add(new UsedService(ref.getAttribute("interface"), ref.getAttribute("name"),
                            or(ref.getAttribute("cardinality"), "1..1"), or(ref.getAttribute("policy"), "static"),
                            ref.getAttribute("target")));
                }
                List<Event> published = new ArrayList<>();
                for (Clause c : HeaderClauses.parse(main.getValue(PUBLISHES_HEADER))) {
                    published.add(new Event("gcommon/plugin/" + pluginName + "/" + c.name(), c.attribute("description")));
                }
                List<Event> consumed = new ArrayList<>();
                for (Clause c : HeaderClauses.parse(main.getValue(SUBSCRIBES_HEADER))) {
                    consumed.add(new Event(c.name(), c.attribute("description")));
                }
                docs.add(new PluginDoc(pluginName, typeOf(provides), or(main.getValue("Bundle-Name"), ""),
                        or(main.getValue("Bundle-Description"), ""), main.getValue("Bundle-SymbolicName").split(";")[0].trim(),
                        or(main.getValue("Bundle-Version"), "0.0.0"), implementation(component), pid, config, permissions,
                        provided, used, published, consumed, health, exports));
            }
            return docs;
        }
    }

    private static ConfigKey configKey(Element ad) {
        String type = or(ad.getAttribute("type"), "String");
        String cardinality = ad.getAttribute("cardinality");
        if (!cardinality.isEmpty() && !cardinality.equals("0")) {
            type = type + "[]";
        }
        String range = "";
        List<Element> options = elements(ad, "Option", false);
        if (!options.isEmpty()) {
            List<String> values = new ArrayList<>();
            options.forEach(o -> values.add(o.getAttribute("value")));
            range = "one of " + String.join(", ", values);
        } else if (!ad.getAttribute("min").isEmpty() || !ad.getAttribute("max").isEmpty()) {
            range = (ad.getAttribute("min").isEmpty() ? "" : "at least " + ad.getAttribute("min"))
                    + (!ad.getAttribute("min").isEmpty() && !ad.getAttribute("max").isEmpty() ? ", " : "")
                    + (ad.getAttribute("max").isEmpty() ? "" : "at most " + ad.getAttribute("max"));
        }
        String def = ad.hasAttribute("default") ? ad.getAttribute("default") : null;
        return new ConfigKey(ad.getAttribute("id"), type, def, ad.getAttribute("name"), ad.getAttribute("description"), range);
    }

    private static List<Permission> permissions(JarFile file) throws IOException {
        List<Permission> out = new ArrayList<>();
        ZipEntry entry = file.getEntry("OSGI-INF/permissions.perm");
        if (entry == null) {
            return out;
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(file.getInputStream(entry), StandardCharsets.UTF_8))) {
            List<String> comment = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String t = line.strip();
                if (t.isEmpty()) {
                    comment.clear();
                } else if (t.startsWith("#") || t.startsWith("//")) {
                    comment.add(t.replaceFirst("^(#|//)\\s?", ""));
                } else {
                    Matcher m = PERMISSION.matcher(t);
                    if (m.matches()) {
                        out.add(new Permission(m.group(1), or(m.group(2), ""), or(m.group(3), ""), String.join(" ", comment)));
                    } else {
                        out.add(new Permission(t, "", "", "(not a permission line: " + String.join(" ", comment) + ")"));
                    }
                }
            }
        }
        return out;
    }

    private static String properties(Element component) {
        List<String> props = new ArrayList<>();
        for (Element p : elements(component, "property", false)) {
            String value = p.hasAttribute("value") ? p.getAttribute("value") : p.getTextContent().strip();
            props.add(p.getAttribute("name") + "=" + value);
        }
        return String.join(", ", props);
    }

    private static String implementation(Element component) {
        List<Element> impl = elements(component, "implementation", false);
        return impl.isEmpty() ? component.getAttribute("name") : impl.get(0).getAttribute("class");
    }

    private static String typeOf(List<String> provides) {
        for (String p : provides) {
            switch (p) {
            case "org.gcommon.plugin.api.ProviderPlugin":
                return "provider";
            case "org.gcommon.plugin.api.middleware.MiddlewarePlugin":
                return "middleware";
            case "org.gcommon.plugin.api.extension.ExtensionPlugin":
                return "extension";
            case "org.gcommon.plugin.api.integration.IntegrationPlugin":
                return "integration";
            default:
                break;
            }
        }
        return "generic";
    }

    private static Document xml(JarFile file, String entryName) throws IOException {
        ZipEntry entry = file.getEntry(entryName);
        if (entry == null) {
            return null;
        }
        try (InputStream in = file.getInputStream(entry)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            return builder.parse(in);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("Cannot read " + entryName + " in " + file.getName() + ": " + e.getMessage(), e);
        }
    }

    /** Child elements by local name (any namespace); with deep, all descendants. */
    private static List<Element> elements(Element parent, String localName, boolean deep) {
        List<Element> out = new ArrayList<>();
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node n = children.item(i);
            if (n instanceof Element e) {
                if (localName.equals(local(e))) {
                    out.add(e);
                } else if (deep) {
                    out.addAll(elements(e, localName, true));
                }
            }
        }
        return out;
    }

    private static String local(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
    }

    private static String or(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
