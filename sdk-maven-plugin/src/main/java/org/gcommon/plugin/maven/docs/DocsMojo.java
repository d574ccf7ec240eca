package org.gcommon.plugin.maven.docs;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The documentation generator: for each plugin in the project's bundle, writes
 * {@code <plugin-name>.md} and a static {@code <plugin-name>.html} with its configuration table (name,
 * type, default, description), requested permissions, services provided and used, events published and
 * consumed, health semantics and exported packages. Everything is read from the built jar (manifest,
 * Declarative Services and metatype XML, {@code OSGI-INF/permissions.perm}), so the documentation says
 * what the bundle really declares.
 */
@Mojo(name = "docs", threadSafe = true)
public class DocsMojo extends AbstractMojo {

    /** The bundle to document: the jar this project builds. */
    @Parameter(property = "gcommon.docs.file", defaultValue = "${project.build.directory}/${project.build.finalName}.jar")
    private File file;

    /** Where the pages go. */
    @Parameter(property = "gcommon.docs.outputDirectory", defaultValue = "${project.build.directory}/gcommon-docs")
    private File outputDirectory;

    @Override
    public void execute() throws MojoExecutionException {
        if (file == null || !file.isFile()) {
            throw new MojoExecutionException("gcommon:docs found no bundle at " + file + ": build it first "
                    + "(mvn package gcommon:docs), or name it with -Dgcommon.docs.file=PATH");
        }
        List<PluginDoc> docs;
        try {
            docs = BundleReader.read(file.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("gcommon:docs cannot read " + file + ": " + e.getMessage(), e);
        }
        if (docs.isEmpty()) {
            throw new MojoExecutionException(file.getName() + " has no plugin: no Declarative Services component provides "
                    + "org.gcommon.plugin.api.Plugin. Annotate the plugin class with @Component(service = Plugin.class) "
                    + "(the archetype's projects do)");
        }
        Path out = outputDirectory.toPath();
        try {
            Files.createDirectories(out);
            for (PluginDoc doc : docs) {
                Path markdown = out.resolve(doc.name() + ".md");
                Path html = out.resolve(doc.name() + ".html");
                Files.writeString(markdown, PluginDocRenderer.markdown(doc), StandardCharsets.UTF_8);
                Files.writeString(html, PluginDocRenderer.html(doc), StandardCharsets.UTF_8);
                getLog().info("gcommon:docs wrote " + markdown + " and " + html.getFileName());
            }
        } catch (IOException e) {
            throw new MojoExecutionException("gcommon:docs cannot write to " + out + ": " + e.getMessage(), e);
        }
    }
}
