package org.gcommon.plugin.enforcement.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.FilePermission;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent in a JVM of its own, on this build's JDK and on Java 25 (Temurin 25, or {@code GCOMMON_JDK_25}):
 * the probe ({@code org.gcommon.plugin.enforcement.probe.Probe}) calls guarded JDK methods from plugin code
 * and from other code, before and after installing a checker that records what it is asked.
 */
class AgentProcessTest {

    private static final String PLUGIN = "probe-plugin";

    @TempDir
    static Path work;

    static Stream<Path> jdks() {
        String configured = System.getenv("GCOMMON_JDK_25");
        Path jdk25 = Path.of(configured != null && !configured.isBlank() ? configured : "/usr/lib/jvm/temurin-25-jdk-amd64");
        return Stream.of(Path.of(System.getProperty("java.home")), jdk25);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void pluginCallsReachTheCheckerAndDenialsThrowItsMessage(Path jdk) throws Exception {
        Path java = jdk.resolve("bin").resolve("java");
        Assumptions.assumeTrue(Files.isExecutable(java), () -> "no JDK at " + jdk + " (set GCOMMON_JDK_25 to test Java 25)");
        Path dir = Files.createTempDirectory(work, "run");
        Path file = dir.resolve("data.txt");
        Map<String, String> out = probe(java, dir, file);
        String refused = "refused java.security.AccessControlException: ";

        assertThat(out).containsEntry("done", "yes").containsEntry("enforcer", "agent");
        Set<String> required = Hooks.all().stream().filter(Hook::required).map(Hook::id).collect(Collectors.toSet());
        assertThat(out.get("missing hooks").split(",")).as("guarded methods missing on %s", jdk)
                .allSatisfy(id -> assertThat(required).doesNotContain(id));

        // before a checker is installed, plugin code may do nothing guarded; other code is not affected
        assertThat(out.get("before checker: plugin read")).startsWith(refused + "Plugin code (")
                .contains("the plugin sandbox is not in force yet");
        assertThat(out).containsEntry("before checker: runtime read", "10");

        // granted once, remembered: the checker is asked once for two reads
        assertThat(out).containsEntry("plugin read", "10").containsEntry("plugin read again", "10")
                .containsEntry("read asked", "1").containsEntry("plugin stream", "10");
        assertThat(out).as("code that is no plugin's is not checked").containsEntry("runtime read asked", "0");

        // a grant taken back is enforced on the next call once the checker's holder says so; nobody else can
        String readDenied = refused + message(new FilePermission(file.toString(), "read"));
        assertThat(out).containsEntry("revoked, other checker forgets", "10")
                .containsEntry("revoked", readDenied)
                .containsEntry("granted again", "10");

        assertThat(out).containsEntry("plugin connect", "connected").containsEntry("connect asked", "1");
        assertThat(out.get("plugin connect refused")).startsWith(refused + "Plugin " + PLUGIN + " was denied (\"java.net.SocketPermission\" \"127.0.0.1:")
                .endsWith("\" \"connect,resolve\") by the probe's checker");

        String program = java.toString();
        assertThat(out).containsEntry("plugin exec", refused + message(new FilePermission(program, "execute")))
                .containsEntry("plugin exit", refused + message(new RuntimePermission("exitVM.3")))
                .containsEntry("plugin thread", "started")
                .containsEntry("plugin thread refused", "refused java.lang.SecurityException: Plugin " + PLUGIN
                        + " may start no more threads");
        assertThat(Integer.parseInt(out.get("thread asked"))).isPositive();
    }

    private static String message(java.security.Permission permission) {
        return "Plugin " + PLUGIN + " was denied " + permission + " by the probe's checker";
    }

    /** Runs the probe with the agent built from this module's classes; returns its lines by key. */
    private static Map<String, String> probe(Path java, Path dir, Path file) throws Exception {
        Path agent = agentJars(dir);
        List<String> command = new ArrayList<>(List.of(java.toString(), "-javaagent:" + agent, "-cp", testClassPath(),
                "org.gcommon.plugin.enforcement.probe.Probe", file.toString()));
        Path log = dir.resolve("probe.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = process.waitFor(3, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(ended).as("the probe ended within 3 minutes; its output:%n%s", output).isTrue();
        assertThat(process.exitValue()).as("the probe's exit status; its output:%n%s", output).isZero();
        Map<String, String> lines = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int arrow = line.indexOf(" => ");
            if (arrow > 0) {
                lines.putIfAbsent(line.substring(0, arrow), line.substring(arrow + 4));
            }
        }
        return lines;
    }

    /** The agent jar and, next to it, the hook jar its Boot-Class-Path names: as the build packages them. */
    private static Path agentJars(Path dir) throws IOException, URISyntaxException {
        Path classes = Path.of(EnforcementAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Manifest agentManifest = new Manifest();
        Attributes main = agentManifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Premain-Class", EnforcementAgent.class.getName());
        main.putValue("Can-Retransform-Classes", "true");
        main.putValue("Boot-Class-Path", "probe-hook.jar");
        Path agent = dir.resolve("probe-agent.jar");
        jar(agent, agentManifest, classes, path -> !path.startsWith("org/gcommon/plugin/enforcement/hook/"));
        Manifest hookManifest = new Manifest();
        hookManifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        jar(dir.resolve("probe-hook.jar"), hookManifest, classes, path -> path.startsWith("org/gcommon/plugin/enforcement/hook/"));
        return agent;
    }

    private static void jar(Path target, Manifest manifest, Path classes, java.util.function.Predicate<String> include)
            throws IOException {
        try (OutputStream file = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(file, manifest);
                Stream<Path> all = Files.walk(classes)) {
            for (Path path : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                String name = classes.relativize(path).toString().replace(File.separatorChar, '/');
                if (include.test(name)) {
                    jar.putNextEntry(new JarEntry(name));
                    jar.write(Files.readAllBytes(path));
                    jar.closeEntry();
                }
            }
        }
    }

    /** The probe's classes, ASM (the agent's, unshaded here) and the OSGi API its plugin loader implements. */
    private static String testClassPath() throws URISyntaxException {
        List<String> entries = new ArrayList<>();
        for (Class<?> type : List.of(org.gcommon.plugin.enforcement.probe.ProbeMarker.class, org.objectweb.asm.ClassReader.class,
                org.objectweb.asm.commons.GeneratorAdapter.class, org.objectweb.asm.tree.ClassNode.class,
                org.osgi.framework.BundleReference.class)) {
            String entry = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            if (!entries.contains(entry)) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
