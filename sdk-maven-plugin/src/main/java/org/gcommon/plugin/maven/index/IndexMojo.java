package org.gcommon.plugin.maven.index;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.osgi.resource.Resource;

/**
 * Publishes the project's bundle as a plugin repository: an OSGi Repository index ({@code target/index.xml}
 * by default) listing the bundle (and, with {@code includeDependencies}, the bundles it needs at run time,
 * copied beside it) with relative URLs and SHA-256 checksums. Point a container's
 * {@code etc/org.gcommon.plugin.repository.cfg} at the folder (or a copy of it on a server) and the plugin
 * can be searched and installed by name.
 */
@Mojo(name = "index", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.RUNTIME)
public class IndexMojo extends AbstractMojo {

    /** Where the index is written; the jars it lists are in its folder or below. */
    @Parameter(property = "gcommon.index.file", defaultValue = "${project.build.directory}/index.xml")
    private File indexFile;

    /** The repository's name in the index. */
    @Parameter(property = "gcommon.index.name", defaultValue = "${project.name}")
    private String indexName;

    /**
     * Also lists the bundles among the project's compile and runtime dependencies (not provided ones:
     * the container has those), copied into {@code dependencies/} beside the index, so that installing
     * the plugin by name brings in the libraries it needs.
     */
    @Parameter(property = "gcommon.index.includeDependencies", defaultValue = "false")
    private boolean includeDependencies;

    /** Also writes the index gzipped, as {@code index.xml.gz}. */
    @Parameter(property = "gcommon.index.gzip", defaultValue = "false")
    private boolean gzip;

    /** Skips the index. */
    @Parameter(property = "gcommon.index.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Override
    public void execute() throws MojoExecutionException {
        if (skip || "pom".equals(project.getPackaging())) {
            getLog().info("gcommon:index skipped");
            return;
        }
        File artifact = project.getArtifact().getFile();
        if (artifact == null || !artifact.isFile()) {
            throw new MojoExecutionException("gcommon:index found no jar of " + project.getArtifactId() + " to index: "
                    + "build it in the same run (mvn package gcommon:index, or let 'mvn package' run the goal)");
        }
        Path index = indexFile.toPath().toAbsolutePath().normalize();
        Path folder = index.getParent();
        List<Path> jars = new ArrayList<>();
        try {
            jars.add(inFolder(artifact.toPath(), folder));
            if (includeDependencies) {
                for (Artifact dependency : project.getArtifacts()) {
                    if (dependency.getFile() == null || Artifact.SCOPE_PROVIDED.equals(dependency.getScope())
                            || Artifact.SCOPE_TEST.equals(dependency.getScope())) {
                        continue;
                    }
                    Path jar = dependency.getFile().toPath();
                    if (!jar.getFileName().toString().endsWith(".jar") || !PluginIndex.isBundle(jar)) {
                        getLog().info("gcommon:index leaves out " + dependency + ": it is no OSGi bundle");
                        continue;
                    }
                    jars.add(copy(jar, folder.resolve("dependencies")));
                }
            }
            List<Resource> resources = new PluginIndex(index, indexName).write(jars, gzip);
            getLog().info("gcommon:index wrote " + index + " listing " + resources.size() + " bundle"
                    + (resources.size() == 1 ? "" : "s") + (gzip ? " (and " + index.getFileName() + ".gz)" : ""));
        } catch (IOException e) {
            throw new MojoExecutionException("gcommon:index could not write " + index + ": " + e.getMessage(), e);
        }
    }

    /** The project's jar is usually in target/ beside the index; anywhere else it is copied there. */
    private static Path inFolder(Path jar, Path folder) throws IOException {
        Path absolute = jar.toAbsolutePath().normalize();
        return absolute.startsWith(folder) ? absolute : copy(absolute, folder);
    }

    private static Path copy(Path jar, Path folder) throws IOException {
        Files.createDirectories(folder);
        return Files.copy(jar, folder.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
}
