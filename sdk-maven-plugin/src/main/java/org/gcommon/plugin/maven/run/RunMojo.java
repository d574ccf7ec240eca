package org.gcommon.plugin.maven.run;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Runs a gcommon container with the project's bundle deployed, and redeploys the bundle each time it
 * is rebuilt ({@code mvn package} in another terminal), like Jenkins' {@code hpi:run}. Blocks until
 * Ctrl-C, which stops the container cleanly.
 *
 * <p>The container is the distribution zip ({@code org.gcommon.plugin:gcommon-distribution}, same version
 * as this plugin), unpacked under {@code target/gcommon-run/}; its home (deploy, etc, data, log) is
 * {@code target/gcommon-run/home} and survives between runs. {@code src/main/etc/*} is copied into the
 * home's {@code etc/} at start and whenever it changes.
 */
@Mojo(name = "run", threadSafe = false)
@Execute(phase = LifecyclePhase.PACKAGE)
public class RunMojo extends AbstractMojo {

    /** The HTTP port of the container (/health, /api). */
    @Parameter(property = "gcommon.run.port", defaultValue = "8181")
    private int port;

    /** The bundle to deploy: the jar this project builds. */
    @Parameter(property = "gcommon.run.file", defaultValue = "${project.build.directory}/${project.build.finalName}.jar")
    private File file;

    /** Where the distribution is unpacked and the container's home lives. */
    @Parameter(property = "gcommon.run.directory", defaultValue = "${project.build.directory}/gcommon-run")
    private File directory;

    /** Example configuration files copied into the container's etc/. */
    @Parameter(property = "gcommon.run.etc", defaultValue = "${project.basedir}/src/main/etc")
    private File etc;

    /** The distribution to run, as groupId:artifactId:extension:version. */
    @Parameter(property = "gcommon.run.distribution", defaultValue = "org.gcommon.plugin:gcommon-distribution:zip:${plugin.version}")
    private String distribution;

    /** An unpacked distribution to run instead of the zip (the folder holding bin/gcommon). */
    @Parameter(property = "gcommon.run.distributionDirectory")
    private File distributionDirectory;

    /** How often the jar and etc files are checked for changes, in milliseconds. */
    @Parameter(property = "gcommon.run.pollMillis", defaultValue = "500")
    private long pollMillis;

    @Parameter(defaultValue = "${project.artifactId}", readonly = true)
    private String artifactId;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true)
    private RepositorySystemSession repositorySession;

    @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true)
    private List<RemoteRepository> repositories;

    @Component
    private RepositorySystem repositorySystem;

    @Override
    public void execute() throws MojoExecutionException {
        if (file == null || !file.isFile()) {
            throw new MojoExecutionException("gcommon:run found no bundle at " + file + ": the package phase should have "
                    + "built it; check the build output above");
        }
        Path dist = distributionDirectory != null ? distributionDirectory.toPath() : unpack(resolveDistribution());
        Path script = dist.resolve("bin/gcommon");
        if (!Files.isRegularFile(script)) {
            throw new MojoExecutionException("No bin/gcommon in " + dist + ": give the folder of an unpacked gcommon "
                    + "distribution (-Dgcommon.run.distributionDirectory=DIR)");
        }
        script.toFile().setExecutable(true);
        Path home = directory.toPath().resolve("home");
        Path deployed = home.resolve("deploy").resolve(artifactId + ".jar");
        try {
            Files.createDirectories(home.resolve("deploy"));
            Files.createDirectories(home.resolve("etc"));
            FileWatch jar = new FileWatch(file.toPath());
            Map<Path, FileWatch> etcFiles = new HashMap<>();
            copyEtc(home, etcFiles);
            deploy(jar.path(), deployed);
            jar.changed();

            List<String> command = List.of(script.toString(), "start", "--home", home.toString(), "--port", String.valueOf(port));
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            getLog().info("gcommon:run starts " + String.join(" ", command));
            getLog().info("Deployed " + file.getName() + " as " + deployed + "; rebuild it (mvn package) to redeploy. "
                    + "Ctrl-C stops the container.");
            Process container = builder.start();
            Thread stopper = new Thread(() -> stop(container), "gcommon-run-stop");
            Runtime.getRuntime().addShutdownHook(stopper);
            try {
                while (!container.waitFor(pollMillis, TimeUnit.MILLISECONDS)) {
                    if (jar.changed()) {
                        deploy(jar.path(), deployed);
                        getLog().info("Redeployed " + file.getName());
                    }
                    copyEtc(home, etcFiles);
                }
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(stopper);
                } catch (IllegalStateException e) {
                    // the JVM is shutting down: the hook stops the container
                }
            }
            getLog().info("The container ended with status " + container.exitValue());
        } catch (IOException e) {
            throw new MojoExecutionException("gcommon:run failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("gcommon:run was interrupted", e);
        }
    }

    private static void stop(Process container) {
        if (!container.isAlive()) {
            return;
        }
        container.destroy();
        try {
            // the container gives plugins up to 60 s to stop
            if (!container.waitFor(75, TimeUnit.SECONDS)) {
                container.destroyForcibly();
            }
        } catch (InterruptedException e) {
            container.destroyForcibly();
        }
    }

    /**
     * Copies into the home, outside the deploy folder, then renames into it: the deploy folder never
     * sees a half-written jar.
     */
    static void deploy(Path jar, Path target) throws IOException {
        Path staging = target.getParent().getParent().resolve(".gcommon-run-staging.jar");
        Files.copy(jar, staging, StandardCopyOption.REPLACE_EXISTING);
        try {
            Files.move(staging, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staging, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void copyEtc(Path home, Map<Path, FileWatch> seen) throws IOException {
        if (etc == null || !etc.isDirectory()) {
            return;
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(etc.toPath())) {
            list.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path f : files) {
            FileWatch watch = seen.computeIfAbsent(f, FileWatch::new);
            if (watch.changed()) {
                Files.copy(f, home.resolve("etc").resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                getLog().info("Copied " + f.getFileName() + " into the container's etc/");
            }
        }
    }

    private Path resolveDistribution() throws MojoExecutionException {
        try {
            ArtifactRequest request = new ArtifactRequest(new DefaultArtifact(distribution), repositories, null);
            return repositorySystem.resolveArtifact(repositorySession, request).getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException | IllegalArgumentException e) {
            throw new MojoExecutionException("gcommon:run cannot get the distribution " + distribution + ": " + e.getMessage()
                    + ". Install gcommon (mvn install in its repository), or point at an unpacked distribution with "
                    + "-Dgcommon.run.distributionDirectory=DIR", e);
        }
    }

    /** Unpacks the zip once per zip file; the zip holds one top folder with bin/gcommon. */
    private Path unpack(Path zip) throws MojoExecutionException {
        Path target = directory.toPath().resolve("dist");
        Path marker = target.resolve(".unpacked-from");
        String stamp = zip + " " + zip.toFile().lastModified() + " " + zip.toFile().length();
        try {
            if (!Files.isRegularFile(marker) || !Files.readString(marker).equals(stamp)) {
                deleteTree(target);
                Files.createDirectories(target);
                try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
                    for (ZipEntry e = entries.getNextEntry(); e != null; e = entries.getNextEntry()) {
                        Path out = target.resolve(e.getName()).normalize();
                        if (!out.startsWith(target)) {
                            throw new MojoExecutionException("The distribution " + zip + " has an entry outside its folder: "
                                    + e.getName());
                        }
                        if (e.isDirectory()) {
                            Files.createDirectories(out);
                        } else {
                            Files.createDirectories(out.getParent());
                            Files.copy(entries, out, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
                Files.writeString(marker, stamp);
            }
            try (Stream<Path> tops = Files.list(target)) {
                return tops.filter(p -> Files.isRegularFile(p.resolve("bin/gcommon"))).findFirst().orElse(target);
            }
        } catch (IOException e) {
            throw new MojoExecutionException("gcommon:run cannot unpack " + zip + " into " + target + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A file's size and modification time, to notice a finished rebuild. */
    static final class FileWatch {
        private final Path path;
        private long seenTime = -1;
        private long seenSize = -1;
        private long pendingTime = -1;
        private long pendingSize = -1;

        FileWatch(Path path) {
            this.path = path;
        }

        Path path() {
            return path;
        }

        /**
         * @return true once the file has changed since the last true and stayed the same for one more
         *         check, so that a jar still being written is not copied
         */
        boolean changed() throws IOException {
            if (!Files.isRegularFile(path)) {
                return false;
            }
            long time = Files.getLastModifiedTime(path).toMillis();
            long size = Files.size(path);
            if (time == seenTime && size == seenSize) {
                return false;
            }
            if (seenTime == -1 || (time == pendingTime && size == pendingSize)) {
                seenTime = time;
                seenSize = size;
                return true;
            }
            pendingTime = time;
            pendingSize = size;
            return false;
        }
    }
}
