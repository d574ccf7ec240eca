package org.gcommon.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

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

import com.fasterxml.jackson.databind.JsonNode;

import aQute.bnd.osgi.repository.SimpleIndexer;

/**
 * Plugin repositories on the built distribution: the samples' repository it ships, searched and
 * installed from by name ({@code bin/gcommon search}, {@code bin/gcommon install NAME}); a second
 * repository made here with bnd's indexer holding a plugin that needs a library, a newer version of
 * it, one built for a future gcommon API, a jar changed after it was indexed, a plugin whose newer
 * version throws in start (the health gate rolls the upgrade back) and jars signed with the JDK's
 * jarsigner, one of them changed after signing; and the desired-state file bringing two fresh
 * containers to the same plugins. The steps build on each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RepositoryIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final String API_1 = "org.gcommon.plugin.api;version=\"[1.0,2)\"";
    /** The plugin the health gate is shown with: its name is the one its classes report (ManagementIT's probe). */
    private static final String PROBE = "admin-probe";
    private static final String SIGNER = "CN=gcommon test signer,O=gcommon";

    @TempDir
    static Path work;

    private Path home;
    private Path output;
    private Path testRepository;
    private ContainerProcess container;
    private ContainerHttp http;
    private String token;
    private int port;
    private SignedJars signer;
    private final List<ContainerProcess> others = new ArrayList<>();

    @RegisterExtension
    final TestWatcher printLogsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            System.out.println("---- " + home.resolve("log/gcommon.log") + " ----");
            System.out.println(ContainerProcess.read(home.resolve("log/gcommon.log")));
            System.out.println("---- process output ----");
            System.out.println(ContainerProcess.read(output));
            for (String fresh : List.of("first", "second")) {
                System.out.println("---- " + fresh + " container's log ----");
                System.out.println(ContainerProcess.read(work.resolve(fresh).resolve("log/gcommon.log")));
            }
        }
    };

    @BeforeAll
    void startWithASecondRepository() throws Exception {
        Files.createDirectories(work.resolve("keys"));
        signer = SignedJars.withNewKey(work.resolve("keys/signer.p12"), SIGNER);
        testRepository = testRepository(work.resolve("test-repository"), signer);
        home = work.resolve("home");
        output = work.resolve("container-output.txt");
        port = ContainerProcess.freePort();
        http = new ContainerHttp(port);
        container = ContainerProcess.start(output, "start", "--home", home.toString(), "--port", Integer.toString(port));
        await().atMost(TIMEOUT).pollInterval(POLL).ignoreExceptions()
                .until(() -> http.get("/api/repository/plugins").status() == 200 && Files.exists(home.resolve("etc/admin.token")));
        token = Files.readString(home.resolve("etc/admin.token")).strip();
        // an operator adds a repository while the container runs: the change applies at once
        Files.writeString(home.resolve("etc/org.gcommon.plugin.repository.cfg"),
                "repositories = repository, " + testRepository.toUri() + "\n", StandardCharsets.UTF_8);
        await().atMost(TIMEOUT).pollInterval(POLL).ignoreExceptions()
                .until(() -> http.get("/api/repository").body().path("repositories").size() == 2);
    }

    @AfterAll
    void stopContainers() {
        if (container != null) {
            container.close();
        }
        others.forEach(ContainerProcess::close);
    }

    @Test
    @Order(1)
    void searchListsTheSamplesOnTheCommandLineAndOverHttp() throws Exception {
        Path out = work.resolve("search.txt");
        int status = ContainerProcess.run(out, TIMEOUT, "search", "--home", home.toString(), "--port", port());

        assertThat(status).as(ContainerProcess.read(out)).isZero();
        assertThat(ContainerProcess.read(out)).contains("memory-cache", "webhook", "greeting", "greeting-library", "test-app");
        JsonNode providers = http.get("/api/repository/plugins?type=provider").body().path("plugins");
        assertThat(names(providers)).containsExactly("backup-cache", "memory-cache");
        JsonNode cacheSpi = http.get("/api/repository/plugins?capability=org.gcommon.sample.cache.api").body().path("plugins");
        assertThat(names(cacheSpi)).containsExactly("memory-cache");
        JsonNode app = http.get("/api/repository/plugins/test-app").body();
        assertThat(app.path("versions").findValuesAsText("version")).containsExactly("2.0.0", "1.1.0", "1.0.0");
        assertThat(app.path("versions").get(0).path("compatible").asBoolean()).isFalse();
        assertThat(app.path("versions").get(0).path("incompatibility").asText()).contains("gcommon API 2.x");
        assertThat(app.path("versions").get(2).path("requires").toString()).contains("osgi.wiring.package=test.lib");
    }

    @Test
    @Order(2)
    void installByNameBringsInTheLibraryAndEndsActiveAndHealthy() throws Exception {
        Path out = work.resolve("install.txt");
        int status = ContainerProcess.run(out, TIMEOUT, "install", "greeting", "--home", home.toString(), "--port", port());

        assertThat(status).as(ContainerProcess.read(out)).isZero();
        assertThat(ContainerProcess.read(out)).contains("greeting-library", "from file:");
        assertThat(http.state("greeting")).isEqualTo("ACTIVE");
        assertThat(http.state("org.gcommon.plugin.sample.greeting.library")).isEqualTo("ACTIVE");
        assertThat(http.get("/health").body().path("plugins")).anySatisfy(p -> {
            assertThat(p.path("name").asText()).isEqualTo("greeting");
            assertThat(p.path("health").path("status").asText()).isEqualTo("HEALTHY");
        });
        assertThat(home.resolve("deploy/org.gcommon.plugin.sample.greeting-0.1.0.SNAPSHOT.jar")).exists();
    }

    @Test
    @Order(3)
    void aJarChangedAfterIndexingIsRefusedWithNothingInstalled() throws Exception {
        List<String> before = pluginSet(http);

        ContainerHttp.Response answer = install(Map.of("name", "test-tampered"));

        assertThat(answer.status()).as(answer.text()).isEqualTo(502);
        assertThat(answer.body().path("error").asText()).contains("SHA-256", "test.tampered-1.0.0.jar", "nothing was installed");
        assertThat(answer.body().path("fix").asText()).isNotBlank();
        assertThat(pluginSet(http)).isEqualTo(before);
        assertThat(home.resolve("deploy/test.tampered-1.0.0.jar")).doesNotExist();
    }

    @Test
    @Order(4)
    void aPluginBuiltForANewerApiIsRefusedBeforeAnyChange() throws Exception {
        List<String> before = pluginSet(http);

        ContainerHttp.Response answer = install(Map.of("name", "test-future"));

        assertThat(answer.status()).as(answer.text()).isEqualTo(409);
        assertThat(answer.body().path("error").asText()).contains("test-future 1.0.0", "gcommon API 2.x",
                "org.gcommon.plugin.api 1.0.0", "nothing was installed");
        assertThat(pluginSet(http)).isEqualTo(before);
    }

    @Test
    @Order(5)
    void aDryRunShowsThePlanAndChangesNothing() throws Exception {
        ContainerHttp.Response plan = install(Map.of("name", "test-app", "dryRun", true));

        assertThat(plan.status()).as(plan.text()).isEqualTo(200);
        assertThat(plan.body().path("plan").findValuesAsText("name")).containsExactly("test-lib", "test-app");
        assertThat(plan.body().path("plan").findValuesAsText("version")).containsExactly("1.0.0", "1.1.0");
        assertThat(plan.body().path("plan").get(0).path("sha256").asText()).hasSize(64);
        assertThat(plan.body().path("results")).isEmpty();
        assertThat(http.plugin("test.app")).isEmpty();
    }

    @Test
    @Order(6)
    void upgradeMovesToTheNewestCompatibleVersionAndUninstallRemovesTheUnusedLibrary() throws Exception {
        ContainerHttp.Response installed = install(Map.of("name", "test-app", "version", "[1.0,1.1)"));
        assertThat(installed.status()).as(installed.text()).isEqualTo(201);
        assertThat(installed.body().path("plan").findValuesAsText("name")).containsExactly("test-lib", "test-app");
        assertThat(http.plugin("test.app").orElseThrow().path("version").asText()).isEqualTo("1.0.0");

        ContainerHttp.Response upgraded = http.send("POST", "/api/repository/upgrade", token, "application/json",
                ContainerHttp.json(Map.of("name", "test-app")));

        assertThat(upgraded.status()).as(upgraded.text()).isEqualTo(200);
        // 2.0.0 is newer but needs gcommon API 2: the newest compatible one is 1.1.0
        assertThat(upgraded.body().path("results").get(0).path("version").asText()).isEqualTo("1.1.0");
        await().atMost(TIMEOUT).pollInterval(POLL).ignoreExceptions()
                .until(() -> http.plugin("test.app").orElseThrow().path("version").asText(), "1.1.0"::equals);

        ContainerHttp.Response removed = http.send("DELETE", "/api/repository/plugins/test-app", token, null, null);

        assertThat(removed.status()).as(removed.text()).isEqualTo(200);
        assertThat(removed.body().path("results").findValuesAsText("outcome")).containsOnly("UNINSTALLED");
        assertThat(http.plugin("test.app")).isEmpty();
        assertThat(http.plugin("test.lib")).isEmpty();
        // greeting's library is used by greeting: it stays
        assertThat(http.state("org.gcommon.plugin.sample.greeting.library")).isEqualTo("ACTIVE");
    }

    @Test
    @Order(7)
    void changesWithoutTheTokenAreRefused() throws Exception {
        ContainerHttp.Response answer = http.send("POST", "/api/repository/install", null, "application/json",
                ContainerHttp.json(Map.of("name", "test-app")));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body().path("fix").asText()).contains("etc/admin.token");
        assertThat(http.plugin("test.app")).isEmpty();
    }

    @Test
    @Order(8)
    void anUpgradeWhoseNewVersionFailsToStartIsRolledBackAndTheOldVersionKeepsRunning() throws Exception {
        ContainerHttp.Response installed = install(Map.of("name", PROBE, "version", "[1.0,1.1)"));
        assertThat(installed.status()).as(installed.text()).isEqualTo(201);
        assertThat(http.plugin(PROBE).orElseThrow().path("version").asText()).isEqualTo("1.0.0");

        ContainerHttp.Response upgraded = upgrade(PROBE);

        // 1.1.0 throws in start(): the runtime's health gate puts 1.0.0 back
        assertThat(upgraded.status()).as(upgraded.text()).isEqualTo(422);
        assertThat(upgraded.body().path("plan").findValuesAsText("version")).containsExactly("1.1.0");
        JsonNode result = upgraded.body().path("results").get(0);
        assertThat(result.path("outcome").asText()).as(upgraded.text()).isEqualTo("ROLLED_BACK");
        assertThat(result.path("version").asText()).isEqualTo("1.0.0");
        JsonNode probe = http.get("/api/plugins/" + PROBE).body();
        assertThat(probe.path("state").asText()).isEqualTo("ACTIVE");
        assertThat(probe.path("version").asText()).isEqualTo("1.0.0");
        assertThat(probe.path("lastUpdate").path("outcome").asText()).isEqualTo("ROLLED_BACK");
        assertThat(probe.path("lastUpdate").path("reason").asText()).contains("rolled back to 1.0.0",
                "the backend URL is missing");
        assertThat(http.get("/health").status()).isEqualTo(200);
    }

    @Test
    @Order(9)
    void upgradeOnTheCommandLineSaysWhatHappenedAndExitsNonZeroOnARollback() throws Exception {
        Path unchanged = work.resolve("upgrade-greeting.txt");
        int status = ContainerProcess.run(unchanged, TIMEOUT, "upgrade", "greeting", "--home", home.toString(), "--port", port());

        assertThat(status).as(ContainerProcess.read(unchanged)).isZero();
        assertThat(ContainerProcess.read(unchanged)).contains("UNCHANGED", "is the newest version compatible");

        Path rolledBack = work.resolve("upgrade-probe.txt");
        status = ContainerProcess.run(rolledBack, TIMEOUT, "upgrade", PROBE, "--home", home.toString(), "--port", port());

        assertThat(status).as(ContainerProcess.read(rolledBack)).isNotZero();
        assertThat(ContainerProcess.read(rolledBack)).contains("plan: " + PROBE + " 1.1.0", "ROLLED_BACK");
        assertThat(http.plugin(PROBE).orElseThrow().path("version").asText()).isEqualTo("1.0.0");
    }

    @Test
    @Order(10)
    void aSignedPluginKeepsItsSignerThroughTheRepository() throws Exception {
        ContainerHttp.Response installed = install(Map.of("name", "signed-greeting"));

        assertThat(installed.status()).as(installed.text()).isEqualTo(201);
        JsonNode plugin = http.get("/api/plugins/test.signed").body();
        assertThat(plugin.path("state").asText()).as(plugin.toString()).isEqualTo("ACTIVE");
        assertThat(plugin.path("signers")).as(plugin.toString()).hasSize(1);
        assertThat(plugin.path("signers").get(0).path("subject").asText()).contains("CN=gcommon test signer");
        assertThat(plugin.path("signers").get(0).path("sha256").asText()).isEqualTo(signer.fingerprint());
        assertThat(http.get("/api/plugins/greeting").body().path("signers")).isEmpty();
    }

    @Test
    @Order(11)
    void aSignedJarChangedAfterIndexingIsRefusedWithNothingInstalled() throws Exception {
        List<String> before = pluginSet(http);

        ContainerHttp.Response answer = install(Map.of("name", "signed-tampered"));

        assertThat(answer.status()).as(answer.text()).isEqualTo(502);
        assertThat(answer.body().path("error").asText()).contains("SHA-256", "test.signed.tampered-1.0.0.jar");
        assertThat(pluginSet(http)).isEqualTo(before);
        assertThat(home.resolve("deploy/test.signed.tampered-1.0.0.jar")).doesNotExist();
    }

    @Test
    @Order(12)
    void theDesiredStateFileGivesTwoFreshContainersTheSamePlugins() throws Exception {
        String desired = "greeting\ntest-app = [1.0,1.1)\n";
        List<ContainerHttp> both = new ArrayList<>();
        for (String name : List.of("first", "second")) {
            Path fresh = work.resolve(name);
            copyFolder(ContainerProcess.distDir().resolve("etc"), fresh.resolve("etc"));
            Files.writeString(fresh.resolve("etc/org.gcommon.plugin.repository.cfg"),
                    "repositories = repository, " + testRepository.toUri() + "\n", StandardCharsets.UTF_8);
            Files.writeString(fresh.resolve("etc/plugins.desired"), desired, StandardCharsets.UTF_8);
            int port = ContainerProcess.freePort();
            others.add(ContainerProcess.start(work.resolve(name + "-output.txt"), "start", "--home", fresh.toString(),
                    "--port", Integer.toString(port)));
            both.add(new ContainerHttp(port));
        }
        for (ContainerHttp each : both) {
            // two containers booting at once on a small machine: give them the time of two boots
            await().atMost(TIMEOUT.multipliedBy(2)).pollInterval(POLL).ignoreExceptions().untilAsserted(() -> {
                assertThat(each.state("greeting")).isEqualTo("ACTIVE");
                assertThat(each.state("test.app")).isEqualTo("ACTIVE");
            });
        }

        assertThat(pluginSet(both.get(0))).isEqualTo(pluginSet(both.get(1)))
                .contains("greeting 1.0.0 ACTIVE", "test.app 1.0.0 ACTIVE", "test.lib 1.0.0 ACTIVE",
                        "org.gcommon.plugin.sample.greeting.library 0.1.0.SNAPSHOT ACTIVE");
    }

    private String port() {
        return Integer.toString(port);
    }

    private ContainerHttp.Response install(Map<String, Object> body) throws Exception {
        return http.send("POST", "/api/repository/install", token, "application/json", ContainerHttp.json(body));
    }

    private ContainerHttp.Response upgrade(String name) throws Exception {
        return http.send("POST", "/api/repository/upgrade", token, "application/json", ContainerHttp.json(Map.of("name", name)));
    }

    private static List<String> names(JsonNode plugins) {
        List<String> names = new ArrayList<>();
        plugins.forEach(p -> names.add(p.path("name").asText()));
        return names;
    }

    /** @return every plugin as {@code name version state}, sorted */
    private static List<String> pluginSet(ContainerHttp http) throws Exception {
        TreeSet<String> set = new TreeSet<>();
        for (JsonNode p : http.plugins()) {
            set.add(p.path("name").asText() + " " + p.path("version").asText() + " " + p.path("state").asText());
        }
        return new ArrayList<>(set);
    }

    private static void copyFolder(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(from, Files::isRegularFile)) {
            for (Path file : files) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    /**
     * A repository as a plugin author publishes one: bundles and an index.xml written by bnd's indexer
     * (the code behind bnd-indexer-maven-plugin), with URLs relative to it.
     */
    private static Path testRepository(Path dir, SignedJars signer) throws Exception {
        List<File> jars = new ArrayList<>();
        jars.add(jar(dir, "test.lib", "1.0.0", "test-lib", "bundle", Map.of("Export-Package", "test.lib;version=1.0.0")));
        for (String version : List.of("1.0.0", "1.1.0")) {
            jars.add(jar(dir, "test.app", version, "test-app", "generic",
                    Map.of("Import-Package", API_1 + ",test.lib;version=\"[1.0,2)\"")));
        }
        jars.add(jar(dir, "test.app", "2.0.0", "test-app", "generic",
                Map.of("Import-Package", "org.gcommon.plugin.api;version=\"[2.0,3)\",test.lib;version=\"[1.0,2)\"")));
        jars.add(jar(dir, "test.future", "1.0.0", "test-future", "extension",
                Map.of("Import-Package", "org.gcommon.plugin.api;version=\"[2.0,3)\"")));
        File tampered = jar(dir, "test.tampered", "1.0.0", "test-tampered", "generic", Map.of("Import-Package", API_1));
        jars.add(tampered);
        String probe = "gcommon.plugin;gcommon.plugin=" + PROBE + ";type=generic";
        jars.add(PluginJars.bundle("test.probe", "1.0.0").activator(org.gcommon.container.adminplugins.steady.Activator.class)
                .header("Provide-Capability", probe).writeTo(dir.resolve("test.probe-1.0.0.jar")).toFile());
        jars.add(PluginJars.bundle("test.probe", "1.1.0").activator(org.gcommon.container.adminplugins.throwing.Activator.class)
                .header("Provide-Capability", probe).writeTo(dir.resolve("test.probe-1.1.0.jar")).toFile());
        Path signed = textJar(dir, "test.signed", "signed-greeting");
        signer.sign(signed);
        jars.add(signed.toFile());
        Path signedTampered = textJar(dir, "test.signed.tampered", "signed-tampered");
        signer.sign(signedTampered);
        jars.add(signedTampered.toFile());
        URI base = dir.toUri();
        new SimpleIndexer().files(jars).base(base).name("test repository").index(dir.resolve("index.xml").toFile());
        // changed after indexing: same name, other bytes
        jar(dir, "test.tampered", "1.0.0", "test-tampered", "generic", Map.of("Import-Package", API_1, "X-Changed", "yes"));
        SignedJars.tamper(signedTampered, "greeting.txt", "Hello from somebody else\n".getBytes(StandardCharsets.UTF_8));
        return dir;
    }

    /** A bundle with one text entry and no code: something for a signature to cover and for tampering to change. */
    private static Path textJar(Path dir, String symbolicName, String name) throws Exception {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Provide-Capability", "gcommon.plugin;gcommon.plugin=" + name + ";type=generic");
        Path jar = dir.resolve(symbolicName + "-1.0.0.jar");
        Files.createDirectories(dir);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            jarOut.putNextEntry(new JarEntry("greeting.txt"));
            jarOut.write("Hello from a signed plugin\n".getBytes(StandardCharsets.UTF_8));
            jarOut.closeEntry();
        }
        return jar;
    }

    private static File jar(Path dir, String symbolicName, String version, String name, String type,
            Map<String, String> more) throws Exception {
        Map<String, String> headers = new java.util.HashMap<>(more);
        headers.put("Bundle-SymbolicName", symbolicName);
        headers.put("Bundle-Version", version);
        headers.put("Provide-Capability", "gcommon.plugin;gcommon.plugin=" + name + ";type=" + type);
        return TestBundles.write(dir.resolve(symbolicName + "-" + version + ".jar"), headers).toFile();
    }
}
