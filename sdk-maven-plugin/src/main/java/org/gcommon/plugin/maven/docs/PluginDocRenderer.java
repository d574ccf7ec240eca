package org.gcommon.plugin.maven.docs;

import java.util.ArrayList;
import java.util.List;

/** Lays out one plugin's documentation; the writer decides the format. */
public final class PluginDocRenderer {

    private PluginDocRenderer() {
    }

    /** @return the documentation as Markdown */
    static String markdown(PluginDoc doc) {
        return render(doc, new MarkdownWriter());
    }

    /** @return the documentation as a static HTML page */
    static String html(PluginDoc doc) {
        return render(doc, new HtmlWriter());
    }

    private static String render(PluginDoc doc, DocWriter w) {
        w.title(doc.name() + " (" + doc.type() + " plugin)");
        if (!doc.description().isEmpty()) {
            w.paragraph(doc.description());
        }
        w.table(List.of("", ""), List.of(
                List.of("Plugin name", doc.name()),
                List.of("Type", doc.type()),
                List.of("Bundle", doc.symbolicName() + " " + doc.bundleVersion()),
                List.of("Component", doc.component()),
                List.of("Configuration", "etc/" + doc.name() + ".cfg or etc/" + doc.name() + ".json (PID " + doc.configurationPid() + ")")));

        w.heading("Configuration");
        if (doc.configuration().isEmpty()) {
            w.paragraph("The plugin declares no configuration (no metatype description designated for PID "
                    + doc.configurationPid() + ").");
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (PluginDoc.ConfigKey k : doc.configuration()) {
                String description = k.description() + (k.range().isEmpty() ? "" : " (" + k.range() + ")");
                rows.add(List.of(k.key(), k.type(), k.defaultValue() == null ? "(none: required)" : k.defaultValue(), description));
            }
            w.table(List.of("Name", "Type", "Default", "Description"), rows);
            w.paragraph("A change of the file while the container runs stops the plugin, initializes it with the new values "
                    + "and starts it again.");
        }

        w.heading("Permissions requested");
        if (doc.permissions().isEmpty()) {
            w.paragraph("The bundle declares no OSGI-INF/permissions.perm: under the sandbox it gets only what every plugin gets.");
        } else {
            List<List<String>> rows = new ArrayList<>();
            doc.permissions().forEach(p -> rows.add(List.of(p.type(), p.name(), p.actions(), p.why())));
            w.table(List.of("Permission", "Name", "Actions", "Why"), rows);
            w.paragraph("From OSGI-INF/permissions.perm: the plugin never gets more than these; the administrator grants "
                    + "them in etc/ (effective = declared and granted).");
        }

        w.heading("Services");
        List<List<String>> provided = new ArrayList<>();
        doc.provided().forEach(s -> provided.add(List.of(s.interfaceName(), s.properties())));
        w.table(List.of("Provided interface", "Properties"), provided);
        if (doc.used().isEmpty()) {
            w.paragraph("Uses no services of other bundles.");
        } else {
            List<List<String>> used = new ArrayList<>();
            doc.used().forEach(s -> used.add(List.of(s.interfaceName(), s.reference(), s.cardinality(), s.policy(), s.target())));
            w.table(List.of("Used interface", "Reference", "Cardinality", "Policy", "Target"), used);
        }

        w.heading("Events");
        if (doc.published().isEmpty() && doc.consumed().isEmpty()) {
            w.paragraph("Declares no events (manifest headers Gcommon-Publishes and Gcommon-Subscribes).");
        } else {
            List<List<String>> rows = new ArrayList<>();
            doc.published().forEach(e -> rows.add(List.of(e.topic(), "published", e.description())));
            doc.consumed().forEach(e -> rows.add(List.of(e.topic(), "consumed", e.description())));
            w.table(List.of("Topic", "Direction", "Meaning"), rows);
        }

        w.heading("Health");
        if (doc.health().isEmpty()) {
            w.paragraph("The bundle does not say what its health means (manifest header Gcommon-Health).");
        } else {
            List<List<String>> rows = new ArrayList<>();
            doc.health().forEach(h -> rows.add(List.of(h.status(), h.when())));
            w.table(List.of("Status", "When"), rows);
        }

        w.heading("Exported packages");
        if (doc.exports().isEmpty()) {
            w.paragraph("None: everything in the bundle is private to it.");
        } else {
            List<List<String>> rows = new ArrayList<>();
            doc.exports().forEach(p -> rows.add(List.of(p.name(), p.version())));
            w.table(List.of("Package", "Version"), rows);
        }
        return w.finish();
    }
}
