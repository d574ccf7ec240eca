package org.gcommon.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.gcommon.container.limitplugins.hang.HangingPlugin;
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
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The scanner and the resource limits in the built container, as an administrator meets them.
 * Malformed and dangerous jars dropped into {@code deploy/} (not a zip, no manifest, a bad version, a
 * duplicate, zip slip, a zip bomb, native code, a framework fragment, a dynamic import of everything)
 * end REJECTED under their file names with the rule that refused them, {@code bin/gcommon scan} says
 * the same of each, and nothing is written outside the home's {@code data/}. A thread bomb and a
 * spinning thread are QUARANTINED, a plugin hanging in start() is FAILED after its timeout. Throughout,
 * every sample stays ACTIVE and {@code /health} answers 200 within 2 s. The steps build on each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScannerAndLimitsIT {

    /** @return the JDK the container runs on; {@link ScannerAndLimitsOnJdk25IT} runs the same steps on Java 25 */
    Path jdk() {
        return Path.of(System.getProperty("java.home"));
    }

    private static final List<String> SAMPLES = List.of("memory-cache", "backup-cache", "request-logging", "rate-limit",
            "metrics", "webhook");
    private static final String PLUGINS = "org.gcommon.container.limitplugins.";
    private static final String GOOD = PLUGINS + "good";
    private static final String THREAD_BOMB = PLUGINS + "threadbomb";
    private static final String SPIN = PLUGINS + "spin";
    /** Far below what one spinning thread gets even on a busy machine, far above what an idle plugin uses. */
    private static final int SPIN_CPU_PERCENT_MAX = 10;
    private static final String LIMITS_FILE = "etc/org.gcommon.plugin.security.limits.cfg";
    private static final String MANAGER_FILE = "etc/org.gcommon.plugin.manager.cfg";
    /** Zeros in the zip bomb: above archive.max-uncompressed-bytes (256 MiB), about 300 KB compressed. */
    private static final long BOMB_BYTES = 320L << 20;
    /** No file the container writes while judging these jars comes near this; the inflated bomb would. */
    private static final long LARGE_FILE = 64L << 20;
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(40);
    private static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration HEALTH_WITHIN = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private Path home;
    private Path deploy;
    private Path staging;
    private ContainerProcess container;
    private ContainerHttp http;
    private HealthWatch healthWatch;
    /** Files of the home outside data/ and log/ once the samples ran, before anything was dropped. */
    private Set<String> filesBefore;
    private long dataBytesBefore;
    private final List<String> dropped = new ArrayList<>();

    @RegisterExtension
    final TestWatcher printLogsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            System.out.println("---- " + home.resolve("log/gcommon.log") + " ----");
            System.out.println(ContainerProcess.read(home.resolve("log/gcommon.log")));
        }
    };

    /** A jar the scanner must refuse, and the rule (one of these ids) that must say so. */
    record Refused(String file, List<String> rules, JarWriter writer) {
        @Override
        public String toString() {
            return file;
        }
    }

    @FunctionalInterface
    interface JarWriter {
        void write(Path jar) throws IOException;
    }

    List<Refused> refused() {
        return List.of(
                new Refused("not-a-zip.jar", List.of("archive.invalid"), DeployJars::notAZip),
                new Refused("no-manifest.jar", List.of("manifest.missing"), DeployJars::withoutManifest),
                new Refused("bad-version.jar", List.of("manifest.bundle-version"),
                        jar -> DeployJars.bundle(jar, Map.of("Bundle-SymbolicName", PLUGINS + "badversion",
                                "Bundle-Version", "one.two.three"), Map.of())),
                new Refused("zip-slip.jar", List.of("archive.path-escape"),
                        jar -> DeployJars.zipSlip(jar, PLUGINS + "zipslip")),
                new Refused("zip-bomb.jar", List.of("archive.compression-ratio", "archive.too-large"),
                        jar -> DeployJars.zipBomb(jar, PLUGINS + "zipbomb", BOMB_BYTES)),
                new Refused("native-code.jar", List.of("manifest.native-code"),
                        jar -> DeployJars.bundle(jar, Map.of("Bundle-SymbolicName", PLUGINS + "nativecode",
                                "Bundle-Version", "1.0.0",
                                "Bundle-NativeCode", "lib/libgcommonprobe.so;osname=Linux;processor=x86-64"),
                                Map.of("lib/libgcommonprobe.so", "not really a library"))),
                new Refused("framework-fragment.jar", List.of("manifest.framework-extension"),
                        jar -> DeployJars.bundle(jar, Map.of("Bundle-SymbolicName", PLUGINS + "frameworkfragment",
                                "Bundle-Version", "1.0.0", "Fragment-Host", "system.bundle;extension:=framework"),
                                Map.of())),
                new Refused("dynamic-import-all.jar", List.of("manifest.dynamic-import-all"),
                        jar -> DeployJars.bundle(jar, Map.of("Bundle-SymbolicName", PLUGINS + "dynamicimport",
                                "Bundle-Version", "1.0.0", "DynamicImport-Package", "*"), Map.of())));
    }

    /**
     * The distribution's home plus, written before the start like an administrator would: a short CPU
     * window for the spinning plugin and a one-second lifecycle timeout for the hanging one (per plugin,
     * so that a slow start of a sample on a busy machine is not what the test measures).
     *
     * <p>The spinning plugin's CPU limit is lowered too: the limit judges the CPU a plugin really got, and
     * on a shared machine with two cores and other builds running a spinning thread gets well under the
     * default 90 % of a core (about 47 % was measured), so it would never be over the default.
     */
    @BeforeAll
    void start() throws Exception {
        home = work.resolve("home");
        deploy = home.resolve("deploy");
        staging = home.resolve("incoming");
        copyFiles(ContainerProcess.distDir().resolve("deploy"), deploy);
        copyFiles(ContainerProcess.distDir().resolve("etc"), home.resolve("etc"));
        Files.createDirectories(staging);
        Files.writeString(home.resolve(LIMITS_FILE), "\n" + SPIN + ".cpu.window.seconds = 3\n" + SPIN
                + ".cpu.percent.max = " + SPIN_CPU_PERCENT_MAX + "\n", StandardOpenOption.APPEND);
        Files.writeString(home.resolve(MANAGER_FILE), "\n" + HangingPlugin.NAME + ".lifecycle.timeout.ms = 1000\n",
                StandardOpenOption.APPEND);

        int port = ContainerProcess.freePort();
        http = new ContainerHttp(port);
        container = ContainerProcess.start(jdk(), work.resolve("container-output.txt"), "start", "--home", home.toString(),
                "--port", Integer.toString(port));
    }

    @AfterAll
    void stop() {
        if (healthWatch != null) {
            healthWatch.close();
        }
        if (container != null) {
            container.close();
        }
    }

    @Test
    @Order(1)
    void theSamplesAndAGoodBundleRun() throws Exception {
        await().atMost(BOOT_TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(http.get("/health").status()).isEqualTo(200);
            assertSamplesActive();
        });
        healthWatch = HealthWatch.start(http, Duration.ofMillis(250), HEALTH_WITHIN);
        filesBefore = filesOutsideData();
        dataBytesBefore = bytesUnder(home.resolve("data"));

        drop("good.jar", jar -> DeployJars.bundle(jar, Map.of("Bundle-SymbolicName", GOOD, "Bundle-Version", "1.0.0"),
                Map.of()));

        await().atMost(CHANGE_TIMEOUT).untilAsserted(() -> assertThat(http.state(GOOD)).isEqualTo("ACTIVE"));
    }

    @Test
    @Order(2)
    void malformedAndDangerousJarsAreRejectedWithTheRuleThatRefusedThem() throws Exception {
        for (Refused jar : refused()) {
            drop(jar.file(), jar.writer());
        }
        // the same symbolic name and version as good.jar, under another file name
        drop("good-copy.jar", jar -> DeployJars.bundle(jar, Map.of("Bundle-SymbolicName", GOOD, "Bundle-Version",
                "1.0.0"), Map.of()));

        await().atMost(CHANGE_TIMEOUT).untilAsserted(() -> {
            for (Refused jar : refused()) {
                JsonNode entry = http.plugin(jar.file()).orElseThrow(() -> new AssertionError(jar.file() + " not listed"));
                assertThat(entry.path("state").asText()).as(jar.file()).isEqualTo("REJECTED");
                assertThat(reasons(entry)).as(jar.file() + " reasons")
                        .anySatisfy(r -> assertThat(r).containsAnyOf(bracketed(jar.rules())));
            }
            JsonNode copy = http.plugin("good-copy.jar").orElseThrow(() -> new AssertionError("good-copy.jar not listed"));
            assertThat(copy.path("state").asText()).isEqualTo("REJECTED");
            assertThat(reasons(copy)).anySatisfy(r -> assertThat(r).contains("duplicate").contains(GOOD + " 1.0.0")
                    .contains("good.jar"));
        });

        // the log line follows the listing closely, not necessarily before it
        await().atMost(CHANGE_TIMEOUT).untilAsserted(() -> {
            String log = ContainerProcess.read(home.resolve("log/gcommon.log"));
            for (Refused jar : refused()) {
                assertThat(log).as("the log about " + jar.file())
                        .containsPattern("Refused deploy/" + jar.file().replace(".", "\\.") + ": .*\\[("
                                + String.join("|", jar.rules()).replace(".", "\\.") + ")\\]");
            }
        });
        assertThat(http.state(GOOD)).as("the first " + GOOD + " keeps running").isEqualTo("ACTIVE");
        assertSamplesActive();
    }

    @ParameterizedTest(name = "bin/gcommon scan {0}")
    @MethodSource("refused")
    @Order(3)
    void scanRejectsWhatTheContainerRejected(Refused jar) throws Exception {
        Scan scan = scan(deploy.resolve(jar.file()));

        assertThat(scan.exitStatus()).as(scan.output()).isEqualTo(1);
        assertThat(scan.report().path("verdict").asText()).isEqualTo("REJECT");
        List<String> rejectingRules = new ArrayList<>();
        scan.report().path("findings").forEach(f -> {
            if ("REJECT".equals(f.path("severity").asText())) {
                rejectingRules.add(f.path("rule").asText());
            }
        });
        assertThat(rejectingRules).as(scan.output()).containsAnyElementsOf(jar.rules());
        // the same rules as the container's reasons for the same file
        List<String> containerReasons = reasons(http.plugin(jar.file()).orElseThrow());
        for (String rule : rejectingRules) {
            assertThat(containerReasons).anySatisfy(r -> assertThat(r).contains("[" + rule + "]"));
        }
    }

    @Test
    @Order(4)
    void scanAcceptsTheGoodBundleAndItsDuplicate() throws Exception {
        Scan good = scan(deploy.resolve("good.jar"));
        assertThat(good.exitStatus()).as(good.output()).isZero();
        assertThat(good.report().path("verdict").asText()).isEqualTo("ACCEPT");
        assertThat(good.report().path("symbolicName").asText()).isEqualTo(GOOD);

        // The scanner judges one archive; the duplicate is refused by the loader, which knows what is installed.
        Scan copy = scan(deploy.resolve("good-copy.jar"));
        assertThat(copy.exitStatus()).as(copy.output()).isZero();
    }

    @Test
    @Order(5)
    void nothingIsWrittenOutsideTheHomesData() throws Exception {
        Set<String> added = new TreeSet<>(filesOutsideData());
        added.removeAll(filesBefore);
        assertThat(added).as("files that appeared in the home outside data/ and log/")
                .containsExactlyInAnyOrderElementsOf(dropped.stream().map(f -> "deploy/" + f).toList());

        List<Path> places = new ArrayList<>(List.of(work));
        for (Path p = work.getParent(); p != null && places.size() < 4; p = p.getParent()) {
            places.add(p);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null && places.size() < 7; p = p.getParent()) {
            places.add(p);
        }
        try (Stream<Path> files = Files.walk(work)) {
            assertThat(files.filter(f -> f.getFileName().toString().equals("evil.txt")).toList())
                    .as("zip slip: evil.txt anywhere under " + work).isEmpty();
        }
        for (Path place : places.subList(1, places.size())) {
            assertThat(place.resolve("evil.txt")).as("zip slip").doesNotExist();
        }
        try (Stream<Path> files = Files.walk(work)) {
            assertThat(files.filter(Files::isRegularFile).filter(f -> size(f) > LARGE_FILE).toList())
                    .as("the zip bomb inflated to disk").isEmpty();
        }
        assertThat(bytesUnder(home.resolve("data")) - dataBytesBefore).as("growth of data/")
                .isLessThan(LARGE_FILE);
    }

    @Test
    @Order(6)
    void aThreadBombIsQuarantined() throws Exception {
        drop("thread-bomb.jar", jar -> DeployJars.plugin(jar, Map.of("Bundle-SymbolicName", THREAD_BOMB,
                "Bundle-Version", "1.0.0", "Bundle-Activator", org.gcommon.container.limitplugins.threadbomb.Activator.class
                        .getName(), "Import-Package", "org.osgi.framework"),
                org.gcommon.container.limitplugins.threadbomb.Activator.class));

        JsonNode bomb = awaitState(THREAD_BOMB, "QUARANTINED");
        assertThat(reasons(bomb)).anySatisfy(r -> assertThat(r).contains("threads.max").contains(LIMITS_FILE));
        assertThat(bomb.path("limits").path("threads.max").asInt()).isEqualTo(64);
        // interrupted by the runtime, its threads end
        await().atMost(CHANGE_TIMEOUT).untilAsserted(() -> assertThat(http.plugin(THREAD_BOMB).orElseThrow()
                .path("limits").path("threads").asInt()).isZero());
        assertSamplesActive();
    }

    @Test
    @Order(7)
    void aSpinningThreadIsQuarantined() throws Exception {
        drop("spin.jar", jar -> DeployJars.plugin(jar, Map.of("Bundle-SymbolicName", SPIN, "Bundle-Version", "1.0.0",
                "Bundle-Activator", org.gcommon.container.limitplugins.spin.Activator.class.getName(),
                "Import-Package", "org.osgi.framework"), org.gcommon.container.limitplugins.spin.Activator.class));

        JsonNode spin = awaitState(SPIN, "QUARANTINED");
        assertThat(reasons(spin)).anySatisfy(r -> assertThat(r).contains("cpu.percent.max").contains(LIMITS_FILE));
        assertThat(spin.path("limits").path("cpu.window.seconds").asInt()).isEqualTo(3);
        assertThat(spin.path("limits").path("cpu.percent.max").asInt()).isEqualTo(SPIN_CPU_PERCENT_MAX);
        await().atMost(CHANGE_TIMEOUT).untilAsserted(() -> assertThat(http.plugin(SPIN).orElseThrow()
                .path("limits").path("threads").asInt()).isZero());
        assertSamplesActive();
    }

    @Test
    @Order(8)
    void aPluginHangingInStartFailsAfterItsTimeout() throws Exception {
        drop("hang.jar", jar -> DeployJars.plugin(jar, Map.of("Bundle-SymbolicName", PLUGINS + "hang",
                "Bundle-Version", "1.0.0", "Bundle-Activator", org.gcommon.container.limitplugins.hang.Activator.class
                        .getName(), "Import-Package", "org.osgi.framework,org.gcommon.plugin.api"),
                org.gcommon.container.limitplugins.hang.Activator.class));

        JsonNode hang = awaitState(HangingPlugin.NAME, "FAILED");
        assertThat(reasons(hang)).anySatisfy(r -> assertThat(r).contains("start()").contains("1000")
                .contains("lifecycle.timeout.ms"));
        assertSamplesActive();
    }

    /**
     * The thread bomb was quarantined before spin.jar and hang.jar arrived; the deploy folder must not start
     * it again on their arrival (it would run its activator, and create its threads, once more).
     */
    @Test
    @Order(9)
    void aQuarantinedPluginStaysOutOfServiceWhenOtherJarsArrive() throws Exception {
        JsonNode bomb = http.plugin(THREAD_BOMB).orElseThrow();
        long bundleId = bomb.path("bundleId").asLong();
        List<String> quarantinings = ContainerProcess.read(home.resolve("log/gcommon.log")).lines()
                .filter(l -> l.contains("Quarantining bundle " + bundleId + ":")).toList();

        assertThat(bomb.path("state").asText()).isEqualTo("QUARANTINED");
        assertThat(quarantinings).as("times the thread bomb (bundle " + bundleId + ") ran and was quarantined")
                .hasSize(1);
    }

    @Test
    @Order(10)
    void theContainerStayedHealthyThroughout() throws Exception {
        assertSamplesActive();
        assertThat(http.state(GOOD)).isEqualTo("ACTIVE");
        assertThat(healthWatch.answers()).as("GET /health asked").isGreaterThan(10);
        assertThat(healthWatch.problems()).as("GET /health answers that were not 200 within " + HEALTH_WITHIN)
                .isEmpty();
        assertThat(container.isAlive()).isTrue();
    }

    // --- helpers --------------------------------------------------------------------------------

    /** Writes the jar beside deploy/, then moves it in at once: the deploy folder never sees half a jar. */
    private void drop(String file, JarWriter writer) throws IOException {
        Path staged = staging.resolve(file);
        writer.write(staged);
        Files.move(staged, deploy.resolve(file), StandardCopyOption.ATOMIC_MOVE);
        dropped.add(file);
    }

    private JsonNode awaitState(String name, String state) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(CHANGE_TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            JsonNode entry = http.plugin(name).orElseThrow(() -> new AssertionError(name + " is not listed"));
            last.set(entry);
            assertThat(entry.path("state").asText()).as(name + ": " + entry).isEqualTo(state);
        });
        return last.get();
    }

    private void assertSamplesActive() throws Exception {
        Map<String, String> states = new LinkedHashMap<>();
        for (String sample : SAMPLES) {
            states.put(sample, http.state(sample));
        }
        assertThat(states).as("the samples' states").allSatisfy((name, state) -> assertThat(state).isEqualTo("ACTIVE"));
    }

    record Scan(int exitStatus, String output, JsonNode report) {
    }

    /** {@code bin/gcommon scan JAR --json --home HOME}: the report with the home's policy. */
    private Scan scan(Path jar) throws Exception {
        Path out = work.resolve("scan-" + jar.getFileName() + ".txt");
        int status = ContainerProcess.run(out, Duration.ofSeconds(30), "scan", jar.toString(), "--json", "--home",
                home.toString());
        String text = ContainerProcess.read(out);
        JsonNode report = JSON.readTree(text);
        assertThat(report.path("archive").asText()).as(text).endsWith(jar.getFileName().toString());
        return new Scan(status, text, report);
    }

    private static List<String> reasons(JsonNode entry) {
        List<String> out = new ArrayList<>();
        entry.path("reasons").forEach(r -> out.add(r.asText()));
        return out;
    }

    private static String[] bracketed(List<String> rules) {
        return rules.stream().map(r -> "[" + r + "]").toArray(String[]::new);
    }

    private Set<String> filesOutsideData() throws IOException {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.walk(home)) {
            files.filter(Files::isRegularFile).map(f -> home.relativize(f).toString().replace('\\', '/'))
                    .filter(f -> !f.startsWith("data/") && !f.startsWith("log/")).forEach(out::add);
        }
        return out;
    }

    private static long bytesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(ScannerAndLimitsIT::size).sum();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // gone meanwhile: the framework replaces some of its files
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
