package org.gcommon.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarInputStream;
import java.util.stream.Stream;

import org.gcommon.container.sandboxplugins.probe.ProbeActivator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The plugin sandbox in the built container: plugins deployed next to the samples that try to exit
 * the VM, read or write files outside their data area, run a process, open a socket, break access
 * checks, stop other bundles or switch the sandbox off achieve nothing, are told why, and are reported
 * with plugin, permission and fix, while the container stays healthy and every other plugin ACTIVE.
 * What every plugin may do still works, an administrator's grant in {@code etc/} takes effect (and is
 * taken back) without a restart, and widely used libraries deploy and run as plugins.
 * The steps build on each other, in order.
 *
 * <p>Runs on the JDK running the tests (Java 17: the SecurityManager enforces); {@link SandboxOnJdk25IT}
 * runs the same steps, with the same expectations, on Java 25, where the enforcement agent does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxIT {

    /** @return the JDK the container runs on */
    Path jdk() {
        return Path.of(System.getProperty("java.home"));
    }

    /** @return what /health names as the sandbox's enforcer on {@link #jdk()} */
    String expectedEnforcer() {
        return Runtime.version().feature() < 24 ? "security-manager" : "agent";
    }

    /** @return how {@code /api/plugins/{name}} describes the enforcement on {@link #jdk()}, its beginning */
    String expectedEnforcement() {
        return Runtime.version().feature() < 24 ? "Conditional Permission Admin + SecurityManager" : "enforcement agent";
    }

    private static final List<String> SAMPLES = List.of("memory-cache", "backup-cache", "request-logging", "rate-limit",
            "metrics", "webhook");
    private static final String PLUGIN_PACKAGES = "org.gcommon.container.sandboxplugins.";
    private static final String VERSION = "1.0.0";
    private static final String GRANTS_FILE = "etc/org.gcommon.plugin.security.grants.cfg";
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration HEALTH_WITHIN = Duration.ofSeconds(2);
    /** Stands for the bundle id of the sample memory-cache, known once the container runs. */
    private static final String MEMORY_CACHE_ID = "<memory-cache bundle id>";

    @TempDir
    static Path work;

    private Path home;
    private Path output;
    private Path outsideFile;
    private Path grantsFile;
    private String baseGrants;
    private final List<String> libraryBundles = new ArrayList<>();
    private LoopbackServer deniedServer;
    private LoopbackServer grantServer;
    private ContainerProcess container;
    private ContainerHttp http;
    private HealthWatch healthWatch;

    @RegisterExtension
    final TestWatcher printLogsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            System.out.println("---- " + home.resolve("log/gcommon.log") + " ----");
            System.out.println(ContainerProcess.read(home.resolve("log/gcommon.log")));
        }
    };

    /** A plugin that tries one forbidden thing, and the permission the sandbox must refuse it. */
    record Forbidden(String pluginName, String packageName, String permission) {
        String symbolicName() {
            return PLUGIN_PACKAGES + packageName;
        }

        @Override
        public String toString() {
            return pluginName;
        }
    }

    /** Like an administrator would: the distribution's deploy/ and etc/, plus the test's plugins and their configuration. */
    @BeforeAll
    void startWithTheSamplesAndTheTestPlugins() throws Exception {
        home = work.resolve("home");
        output = work.resolve("container-output.txt");
        outsideFile = work.resolve("outside/written-by-a-plugin.txt");
        Files.createDirectories(outsideFile.getParent());
        deniedServer = LoopbackServer.start();
        grantServer = LoopbackServer.start();

        Path deploy = home.resolve("deploy");
        Path etc = home.resolve("etc");
        copyFiles(ContainerProcess.distDir().resolve("deploy"), deploy);
        copyFiles(ContainerProcess.distDir().resolve("etc"), etc);
        grantsFile = home.resolve(GRANTS_FILE);
        // The listener may subscribe to what sandbox-allowed publishes: it declares that, the administrator grants it.
        Files.writeString(grantsFile, "\n" + PLUGIN_PACKAGES + "listener = "
                + "(org.osgi.service.event.TopicPermission \"gcommon/plugin/sandbox-allowed/ping\" \"subscribe\")\n",
                StandardOpenOption.APPEND);
        baseGrants = Files.readString(grantsFile);

        Files.writeString(etc.resolve("sandbox-read.cfg"), "path = " + grantsFile + "\n");
        Files.writeString(etc.resolve("sandbox-write.cfg"), "path = " + outsideFile + "\n");
        Files.writeString(etc.resolve("sandbox-socket.cfg"), "port = " + deniedServer.port() + "\n");
        Files.writeString(etc.resolve("sandbox-socket-grant.cfg"), "port = " + grantServer.port() + "\n");
        Files.writeString(etc.resolve("sandbox-stop-bundle.cfg"), "target = org.gcommon.plugin.sample.cache\n");

        for (Forbidden forbidden : forbidden()) {
            PluginJars jar = probe(forbidden.packageName());
            if (forbidden.packageName().equals("permissionadmin")) {
                jar.importing("org.osgi.service.condpermadmin");
            }
            jar.writeTo(deploy.resolve(forbidden.pluginName() + ".jar"));
        }
        probe("allowed").writeTo(deploy.resolve("sandbox-allowed.jar"));
        PluginJars.bundle(PLUGIN_PACKAGES + "listener", VERSION)
                .activator(org.gcommon.container.sandboxplugins.listener.Activator.class)
                .declaring(declaredByEveryPlugin(
                        "(org.osgi.framework.ServicePermission \"org.osgi.service.event.EventHandler\" \"register\")",
                        "(org.osgi.service.event.TopicPermission \"gcommon/plugin/sandbox-allowed/ping\" \"subscribe\")"))
                .writeTo(deploy.resolve("sandbox-listener.jar"));
        probe("socketgrant")
                .declaring(declaredByEveryPlugin("(java.net.SocketPermission \"127.0.0.1:1024-\" \"connect,resolve\")"))
                .writeTo(deploy.resolve("sandbox-socket-grant.jar"));
        probe("libraries")
                .importing("org.apache.commons.lang3", "com.google.common.base", "com.google.common.collect",
                        // the Jackson deployed with the test, not the runtime's own copy in system/
                        "com.fasterxml.jackson.databind;version=\"[2.17,2.18)\"",
                        "com.fasterxml.jackson.databind.json;version=\"[2.17,2.18)\"", "com.fasterxml.jackson.core")
                .writeTo(deploy.resolve("sandbox-libraries.jar"));
        for (Path library : libraryJars()) {
            Files.copy(library, deploy.resolve(library.getFileName()));
            libraryBundles.add(symbolicName(library));
        }

        int port = ContainerProcess.freePort();
        http = new ContainerHttp(port);
        container = ContainerProcess.start(jdk(), output, "start", "--home", home.toString(), "--port", Integer.toString(port));
    }

    @AfterAll
    void stop() throws IOException {
        if (healthWatch != null) {
            healthWatch.close();
        }
        if (container != null) {
            container.close();
        }
        if (deniedServer != null) {
            deniedServer.close();
        }
        if (grantServer != null) {
            grantServer.close();
        }
    }

    List<Forbidden> forbidden() {
        return List.of(
                new Forbidden("sandbox-exit", "exit", "(java.lang.RuntimePermission \"exitVM.3\")"),
                new Forbidden("sandbox-halt", "halt", "(java.lang.RuntimePermission \"exitVM.4\")"),
                new Forbidden("sandbox-read", "readfile", "(java.io.FilePermission \"" + grantsFile + "\" \"read\")"),
                new Forbidden("sandbox-write", "writefile", "(java.io.FilePermission \"" + outsideFile + "\" \"write\")"),
                new Forbidden("sandbox-process", "process", "(java.io.FilePermission \"/bin/true\" \"execute\")"),
                new Forbidden("sandbox-socket", "socket",
                        "(java.net.SocketPermission \"127.0.0.1:" + deniedServer.port() + "\" \"connect,resolve\")"),
                new Forbidden("sandbox-reflection", "reflection",
                        "(java.lang.reflect.ReflectPermission \"suppressAccessChecks\")"),
                new Forbidden("sandbox-stop-bundle", "stopbundle",
                        "(org.osgi.framework.AdminPermission \"(id=" + MEMORY_CACHE_ID + ")\" \"execute,resolve\")"),
                new Forbidden("sandbox-permission-admin", "permissionadmin", "(org.osgi.framework.ServicePermission "
                        + "\"org.osgi.service.condpermadmin.ConditionalPermissionAdmin\" \"get\")"),
                new Forbidden("sandbox-security-manager", "securitymanager",
                        "(java.lang.RuntimePermission \"setSecurityManager\")"),
                new Forbidden("sandbox-policy", "policy", "(java.security.SecurityPermission \"setPolicy\")"),
                new Forbidden("sandbox-class-loader", "classloader", "(java.lang.RuntimePermission \"createClassLoader\")"),
                new Forbidden("sandbox-native", "nativecode", "(java.lang.RuntimePermission \"loadLibrary.gcommonprobe\")"));
    }

    @Test
    @Order(1)
    void everyPluginStartsAndTheContainerIsHealthy() throws Exception {
        List<String> expected = new ArrayList<>(SAMPLES);
        forbidden().forEach(f -> expected.add(f.pluginName()));
        expected.addAll(List.of("sandbox-allowed", "sandbox-listener", "sandbox-socket-grant", "sandbox-libraries"));

        await().atMost(BOOT_TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            ContainerHttp.Response health = http.get("/health");
            assertThat(health.status()).as(health.text()).isEqualTo(200);
            Map<String, String> states = states(health.body());
            for (String name : expected) {
                assertThat(states.get(name)).as(name + "; not active: " + notActive()).isEqualTo("ACTIVE");
            }
        });
        assertThat(http.plugin("sandbox-exit").orElseThrow().path("permissions").path("enforcement").asText())
                .startsWith(expectedEnforcement());
        assertThat(http.get("/health").body().path("sandbox").path("enforcer").asText()).isEqualTo(expectedEnforcer());
        healthWatch = HealthWatch.start(http, Duration.ofMillis(250), HEALTH_WITHIN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forbidden")
    @Order(2)
    void aForbiddenActionIsDeniedAndReportedWithTheFix(Forbidden forbidden) throws Exception {
        String permission = forbidden.permission().replace(MEMORY_CACHE_ID,
                Long.toString(info("memory-cache").path("bundleId").asLong()));
        String denial = "Plugin " + forbidden.symbolicName() + " " + VERSION + " was denied " + permission;

        // the plugin was told: its SecurityException names the plugin, the permission and the fix
        await().atMost(CHANGE_TIMEOUT).ignoreExceptions().untilAsserted(
                () -> assertThat(message(forbidden.pluginName())).startsWith("denied: " + denial));
        assertThat(message(forbidden.pluginName())).contains(" at " + forbidden.symbolicName() + ".Activator")
                .contains("To allow it, add to " + GRANTS_FILE + ": " + forbidden.symbolicName() + " = " + permission);

        // the administrator sees it: in the plugin's entry, with the fix, and once in the log however often it happened
        JsonNode reported = denialOf(info(forbidden.pluginName()), permission);
        assertThat(reported).as("denial of " + permission + " in " + info(forbidden.pluginName())).isNotNull();
        assertThat(reported.path("count").asLong()).as("attempts").isGreaterThanOrEqualTo(2);
        assertThat(reported.path("fix").asText())
                .startsWith("To allow it, add to " + GRANTS_FILE + ": " + forbidden.symbolicName() + " = " + permission);
        await().atMost(CHANGE_TIMEOUT).untilAsserted(() -> assertThat(logLinesWith(denial))
                .singleElement().asString().contains(" WARN  [org.gcommon.plugin.security] " + denial));

        // nothing was achieved
        switch (forbidden.pluginName()) {
        case "sandbox-write" -> assertThat(outsideFile).doesNotExist();
        case "sandbox-socket" -> assertThat(deniedServer.accepted()).as("connections accepted").isZero();
        default -> {
            // the other attempts leave nothing to look at but the running container and its plugins
        }
        }
        assertContainerHealthyWithEverySampleActive();
        assertThat(http.state(forbidden.pluginName())).isEqualTo("ACTIVE");
    }

    @Test
    @Order(3)
    void whatEveryPluginMayDoStillWorks() throws Exception {
        await().atMost(CHANGE_TIMEOUT).ignoreExceptions().untilAsserted(() -> assertThat(message("sandbox-allowed"))
                .isEqualTo("ALLOWED: read 'bundle data' and 'plugin data' from its data area, published on "
                        + "gcommon/plugin/sandbox-allowed/ping"));
        await().atMost(CHANGE_TIMEOUT).ignoreExceptions().untilAsserted(() -> assertThat(message("sandbox-listener"))
                .matches("received [1-9][0-9]* event\\(s\\) on gcommon/plugin/sandbox-allowed/ping"));
        assertThat(info("sandbox-allowed").path("denials")).as("denials of sandbox-allowed").isEmpty();
        assertThat(info("sandbox-listener").path("denials")).as("denials of sandbox-listener").isEmpty();
    }

    @Test
    @Order(4)
    void widelyUsedLibrariesDeployAsPluginsAndWork() throws Exception {
        assertThat(libraryBundles).as("library jars").hasSizeGreaterThanOrEqualTo(6);
        await().atMost(CHANGE_TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            for (String library : libraryBundles) {
                assertThat(http.plugins()).as(library + "; not active: " + notActive())
                        .anySatisfy(p -> assertThat(p.path("symbolicName").asText()).isEqualTo(library))
                        .filteredOn(p -> library.equals(p.path("symbolicName").asText()))
                        .allSatisfy(p -> assertThat(p.path("state").asText()).isEqualTo("ACTIVE"));
            }
        });
        String jackson = info("com.fasterxml.jackson.core.jackson-databind").path("version").asText();
        await().atMost(CHANGE_TIMEOUT).ignoreExceptions().untilAsserted(() -> assertThat(message("sandbox-libraries"))
                .isEqualTo("ALLOWED: commons-lang3=Sandboxed...; jackson=" + jackson
                        + "; jackson map={answer=42}; jackson pojo=3,4; guava=a+b+c"));
        assertContainerHealthyWithEverySampleActive();
    }

    @Test
    @Order(5)
    void aGrantInEtcTakesEffectAndItsRevokeTooWithoutARestart() throws Exception {
        String plugin = "sandbox-socket-grant";
        String symbolicName = PLUGIN_PACKAGES + "socketgrant";
        String permission = "(java.net.SocketPermission \"127.0.0.1:" + grantServer.port() + "\" \"connect,resolve\")";
        await().atMost(CHANGE_TIMEOUT).ignoreExceptions().untilAsserted(() -> assertThat(message(plugin))
                .startsWith("denied: Plugin " + symbolicName + " " + VERSION + " was denied " + permission)
                .contains("To allow it, add to " + GRANTS_FILE + ": " + symbolicName + " = " + permission));
        JsonNode before = info(plugin);
        assertThat(grantServer.accepted()).as("connections accepted before the grant").isZero();
        assertThat(before.path("permissions").path("granted")).isEmpty();
        assertThat(texts(before.path("permissions").path("declared")))
                .contains("(java.net.SocketPermission \"127.0.0.1:1024-\" \"connect,resolve\")");
        assertThat(texts(before.path("permissions").path("effective"))).doesNotContain(permission);

        Files.writeString(grantsFile, baseGrants + "\n" + symbolicName + " = " + permission + "\n");
        await().atMost(CHANGE_TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(message(plugin)).isEqualTo("ALLOWED: connected");
            assertThat(grantServer.accepted()).as("connections accepted").isPositive();
        });
        JsonNode granted = info(plugin);
        assertThat(texts(granted.path("permissions").path("granted"))).containsExactly(permission);
        assertThat(texts(granted.path("permissions").path("effective"))).contains(permission);
        assertSamePluginInstance(before, granted);

        Files.writeString(grantsFile, baseGrants);
        await().atMost(CHANGE_TIMEOUT).ignoreExceptions().untilAsserted(() -> assertThat(message(plugin))
                .startsWith("denied: Plugin " + symbolicName + " " + VERSION + " was denied " + permission));
        int acceptedWhenRevoked = grantServer.accepted();
        long deniedSoFar = denialOf(info(plugin), permission).path("count").asLong();
        // later attempts are denied too, and none of them reaches the server
        await().atMost(CHANGE_TIMEOUT).ignoreExceptions().untilAsserted(
                () -> assertThat(denialOf(info(plugin), permission).path("count").asLong()).isGreaterThan(deniedSoFar));
        assertThat(grantServer.accepted()).as("connections accepted after the revoke").isEqualTo(acceptedWhenRevoked);
        JsonNode revoked = info(plugin);
        assertThat(revoked.path("permissions").path("granted")).isEmpty();
        assertThat(texts(revoked.path("permissions").path("effective"))).doesNotContain(permission);
        assertSamePluginInstance(before, revoked);
        assertContainerHealthyWithEverySampleActive();
    }

    @Test
    @Order(6)
    void theContainerStayedHealthyThroughout() {
        assertThat(container.isAlive()).as("the container's JVM is running").isTrue();
        assertThat(healthWatch.answers()).as("GET /health asked in the background").isPositive();
        assertThat(healthWatch.problems()).as("GET /health answers that were not 200 within " + HEALTH_WITHIN).isEmpty();
    }

    // --- what the tests look at ------------------------------------------------------------------

    private JsonNode info(String name) throws IOException, InterruptedException {
        ContainerHttp.Response response = http.get("/api/plugins/" + name);
        assertThat(response.status()).as("GET /api/plugins/" + name + ": " + response.text()).isEqualTo(200);
        return response.body();
    }

    private String message(String name) throws IOException, InterruptedException {
        return info(name).path("health").path("message").asText();
    }

    /** @return name, state and reasons of every entry of {@code /api/plugins} that is not ACTIVE: why a plugin did not start */
    private List<String> notActive() throws IOException, InterruptedException {
        List<String> out = new ArrayList<>();
        for (JsonNode p : http.plugins()) {
            if (!"ACTIVE".equals(p.path("state").asText())) {
                out.add(p.path("name").asText() + " " + p.path("state").asText() + " " + p.path("reasons"));
            }
        }
        return out;
    }

    private static JsonNode denialOf(JsonNode info, String permission) {
        for (JsonNode denial : info.path("denials")) {
            if (permission.equals(denial.path("permission").asText())) {
                return denial;
            }
        }
        return null;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.asText()));
        return out;
    }

    private static Map<String, String> states(JsonNode health) {
        Map<String, String> states = new LinkedHashMap<>();
        health.path("plugins").forEach(p -> states.put(p.path("name").asText(), p.path("state").asText()));
        return states;
    }

    private void assertContainerHealthyWithEverySampleActive() throws IOException, InterruptedException {
        assertThat(container.isAlive()).as("the container's JVM is running").isTrue();
        long started = System.nanoTime();
        ContainerHttp.Response health = http.get("/health");
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertThat(health.status()).as(health.text()).isEqualTo(200);
        assertThat(millis).as("GET /health took (ms)").isLessThan(HEALTH_WITHIN.toMillis());
        Map<String, String> states = states(health.body());
        for (String sample : SAMPLES) {
            assertThat(states.get(sample)).as(sample + " in " + health.text()).isEqualTo("ACTIVE");
        }
    }

    private static void assertSamePluginInstance(JsonNode before, JsonNode after) {
        assertThat(after.path("state").asText()).isEqualTo("ACTIVE");
        assertThat(after.path("bundleId").asLong()).as("bundle id").isEqualTo(before.path("bundleId").asLong());
        assertThat(after.path("stateSince").asText()).as("ACTIVE since").isEqualTo(before.path("stateSince").asText());
    }

    private List<String> logLinesWith(String text) {
        return ContainerProcess.read(home.resolve("log/gcommon.log")).lines().filter(l -> l.contains(text)).toList();
    }

    // --- building the home ---------------------------------------------------------------------

    private static PluginJars probe(String packageName) {
        return PluginJars.bundle(PLUGIN_PACKAGES + packageName, VERSION)
                .activator(activatorOf(packageName))
                .withPackageOf(ProbeActivator.class);
    }

    private static Class<?> activatorOf(String packageName) {
        String name = PLUGIN_PACKAGES + packageName + ".Activator";
        try {
            return Class.forName(name, false, SandboxIT.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no " + name + " among the test classes", e);
        }
    }

    /** What a plugin that declares permissions must list besides its own: declared permissions are all it can get. */
    private static String[] declaredByEveryPlugin(String... own) {
        List<String> lines = new ArrayList<>(List.of(
                "# what every plugin needs: import packages, get the gcommon API services, register its plugin service",
                "(org.osgi.framework.PackagePermission \"*\" \"import\")",
                "(org.osgi.framework.ServicePermission \"org.gcommon.plugin.api.*\" \"get,register\")"));
        lines.add("# its own");
        lines.addAll(List.of(own));
        return lines.toArray(String[]::new);
    }

    /** @return the library jars the build fetched for this test (commons-lang3, Jackson, Guava) */
    private static List<Path> libraryJars() throws IOException {
        Path dir = Path.of(System.getProperty("gcommon.sandbox.libraries", "target/sandbox-libraries")).toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(dir + " is missing: the build copies the libraries there (mvn verify)");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static String symbolicName(Path jar) throws IOException {
        try (InputStream in = Files.newInputStream(jar); JarInputStream jarIn = new JarInputStream(in)) {
            String header = jarIn.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
            if (header == null) {
                throw new IllegalStateException(jar + " is not a bundle: it has no Bundle-SymbolicName");
            }
            return header.split(";")[0].trim();
        }
    }

    private static void copyFiles(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(from, Files::isRegularFile)) {
            for (Path file : files) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
