package org.gcommon.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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

/**
 * The management API and the command-line client as an operator uses them on the built container:
 * changes without the admin token are refused and change nothing; bad input gets a clear error and
 * changes nothing; with the token, plugins are installed, stopped, started, configured, granted and
 * uninstalled, and what was changed survives a restart. The steps build on each other, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ManagementApiIT {

    private static final String SAMPLE = "memory-cache";
    private static final String UPLOADED = "test.uploaded";
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(50);
    /** Small, so that an oversized upload is cheap to send. */
    private static final int UPLOAD_LIMIT = 64 * 1024;

    @TempDir
    static Path work;

    private Path home;
    private Path output;
    private int port;
    private ContainerProcess container;
    private ContainerHttp http;
    private String token;

    @RegisterExtension
    final TestWatcher printLogsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            System.out.println("---- " + home.resolve("log/gcommon.log") + " ----");
            System.out.println(ContainerProcess.read(home.resolve("log/gcommon.log")));
            System.out.println("---- client output ----");
            System.out.println(ContainerProcess.read(work.resolve("client.txt")));
        }
    };

    @BeforeAll
    void startWithASmallUploadLimit() throws Exception {
        home = work.resolve("home");
        // a fresh home's etc/ is a copy of the distribution's; this one has a lower upload limit too
        copyTree(ContainerProcess.distDir().resolve("etc"), home.resolve("etc"));
        Files.writeString(home.resolve("etc/org.gcommon.plugin.console.cfg"), "upload.max.bytes = " + UPLOAD_LIMIT + "\n");
        // mvn: installs resolve from a repository of the test's own, never from ~/.m2 or the network
        Files.writeString(home.resolve("etc/org.ops4j.pax.url.mvn.cfg"),
                "org.ops4j.pax.url.mvn.localRepository = " + work.resolve("m2-local") + "\n"
                        + "org.ops4j.pax.url.mvn.repositories = " + work.resolve("m2-remote").toUri() + "@id=test\n"
                        + "org.ops4j.pax.url.mvn.useFallbackRepositories = false\n"
                        + "org.ops4j.pax.url.mvn.settings = " + work.resolve("no-settings.xml") + "\n");
        output = work.resolve("container-output.txt");
        port = ContainerProcess.freePort();
        http = new ContainerHttp(port);
        start();
        token = Files.readString(home.resolve("etc/admin.token")).strip();
    }

    @AfterAll
    void destroyContainer() {
        if (container != null) {
            container.close();
        }
    }

    @Test
    @Order(1)
    void generatesAnOwnerOnlyAdminTokenAtFirstStart() throws Exception {
        assertThat(token).hasSizeGreaterThanOrEqualTo(43);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(home.resolve("etc/admin.token")))).isEqualTo("rw-------");
        assertThat(home.resolve("data/http.url")).hasContent("http://127.0.0.1:" + port);
    }

    @Test
    @Order(2)
    void refusesEveryChangeWithoutTheTokenAndChangesNothing() throws Exception {
        Path jar = TestBundles.bundle(work.resolve("build/uploaded.jar"), UPLOADED, "1.0.0");
        byte[] jarBytes = Files.readAllBytes(jar);
        String grantsBefore = Files.readString(home.resolve("etc/org.gcommon.plugin.security.grants.cfg"));
        List<String> deployBefore = list(home.resolve("deploy"));
        record Change(String method, String path, String type, byte[] body) {
        }
        List<Change> changes = List.of(
                new Change("POST", "/api/plugins?file=uploaded.jar", "application/java-archive", jarBytes),
                new Change("POST", "/api/plugins", "application/json", ContainerHttp.json(Map.of("source", jar.toUri().toString()))),
                new Change("POST", "/api/plugins/" + SAMPLE + "/stop", null, null),
                new Change("POST", "/api/plugins/" + SAMPLE + "/update?file=x.jar", "application/java-archive", jarBytes),
                new Change("DELETE", "/api/plugins/" + SAMPLE, null, null),
                new Change("PUT", "/api/plugins/" + SAMPLE + "/config", "application/json", ContainerHttp.json(Map.of("maxEntries", "1"))),
                new Change("PUT", "/api/plugins/" + SAMPLE + "/grants", "application/json",
                        ContainerHttp.json(Map.of("permissions", List.of("(java.security.AllPermission)")))),
                new Change("PUT", "/api/plugins/" + SAMPLE + "/limits", "application/json",
                        ContainerHttp.json(Map.of("limits", Map.of("threads.max", 1)))));

        for (Change c : changes) {
            for (String wrong : new String[] { null, "not-the-token", token.substring(1), token + "x" }) {
                ContainerHttp.Response response = http.send(c.method(), c.path(), wrong, c.type(), c.body());
                assertThat(response.status()).as("%s %s with token %s", c.method(), c.path(), wrong).isEqualTo(401);
                assertThat(response.body().path("error").asText()).contains(c.method()).contains("admin token");
                assertThat(response.body().path("fix").asText()).contains("Authorization: Bearer")
                        .contains(home.resolve("etc/admin.token").toString());
                assertThat(response.header("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
            }
        }

        assertThat(http.state(SAMPLE)).isEqualTo("ACTIVE");
        assertThat(http.plugin(UPLOADED)).isEmpty();
        assertThat(list(home.resolve("deploy"))).isEqualTo(deployBefore);
        assertThat(home.resolve("etc/" + SAMPLE + ".json")).doesNotExist();
        assertThat(home.resolve("etc/org.gcommon.plugin.security.grants.cfg")).hasContent(grantsBefore);
    }

    @Test
    @Order(3)
    void answersBadInputWithAClearErrorAndChangesNothing() throws Exception {
        byte[] jar = Files.readAllBytes(TestBundles.bundle(work.resolve("build/bad-input.jar"), "test.badinput", "1.0.0"));
        List<String> deployBefore = list(home.resolve("deploy"));

        assertError(http.send("POST", "/api/plugins?file=../../escaped.jar", token, "application/java-archive", jar), 400,
                "escaped.jar");
        assertError(http.send("POST", "/api/plugins?file=..%2F..%2Fescaped.jar", token, "application/java-archive", jar), 400,
                "escaped.jar");
        assertError(http.send("POST", "/api/plugins", token, "application/java-archive", jar), 400, "file name");
        assertError(http.send("POST", "/api/plugins?file=x.jar", token, "text/plain", jar), 415, "text/plain");
        assertError(http.send("POST", "/api/plugins", token, "application/json", "{\"source\": ".getBytes(StandardCharsets.UTF_8)),
                400, "not valid JSON");
        assertError(http.send("POST", "/api/plugins", token, "application/json", "[1, 2]".getBytes(StandardCharsets.UTF_8)),
                400, "not an object");
        assertError(http.send("PUT", "/api/plugins/" + SAMPLE + "/grants", token, "application/json",
                "[".repeat(5000).getBytes(StandardCharsets.UTF_8)), 400, "not valid JSON");
        assertError(http.send("POST", "/api/plugins", token, "application/json", ContainerHttp.json(Map.of("src", "x"))), 400,
                "\"source\"");
        assertError(http.send("POST", "/api/plugins", token, "application/json", ContainerHttp.json(Map.of("source", "gopher://x/y.jar"))),
                400, "gopher://x/y.jar");
        // as curl sends a large body: announced and asked for first (Expect: 100-continue)
        assertThat(rawUpload("Content-Length: " + (UPLOAD_LIMIT + 1) + "\r\nExpect: 100-continue\r\n", null))
                .startsWith("HTTP/1.1 413").contains("over the limit of " + UPLOAD_LIMIT);
        // sent in chunks, its length unknown until the end: refused once it is over the limit
        assertThat(rawUpload("Transfer-Encoding: chunked\r\n", new byte[2 * UPLOAD_LIMIT]))
                .startsWith("HTTP/1.1 413").contains("over the limit of " + UPLOAD_LIMIT);
        assertError(http.send("POST", "/api/plugins/no-such-plugin/stop", token, null, null), 404, "no-such-plugin");
        assertError(http.send("DELETE", "/api/plugins/no-such-plugin", token, null, null), 404, "no-such-plugin");
        assertError(http.send("POST", "/api/plugins/" + SAMPLE + "/explode", token, null, null), 404, "explode");
        assertError(http.send("PUT", "/api/plugins/" + SAMPLE + "/stop", token, null, null), 405, "PUT");
        assertError(http.send("PUT", "/api/plugins/" + SAMPLE + "/limits", token, "application/json",
                ContainerHttp.json(Map.of("limits", Map.of("threads.max", "many")))), 400, "threads.max");
        assertError(http.send("PUT", "/api/plugins/" + SAMPLE + "/grants", token, "application/json",
                ContainerHttp.json(Map.of("permissions", List.of("not a permission")))), 400, "not a permission");
        assertError(http.get("/api/events?limit=lots"), 400, "limit=lots");

        ContainerHttp.Response garbage = http.send("POST", "/api/plugins?file=garbage.jar", token, "application/java-archive",
                "not a zip archive".getBytes(StandardCharsets.UTF_8));
        assertError(garbage, 422, "REJECTED");
        assertThat(garbage.body().path("outcome").asText()).isEqualTo("REJECTED");
        assertThat(garbage.body().path("messages").get(0).asText()).contains("archive");
        assertThat(http.plugin("garbage.jar")).as("a refused upload leaves nothing listed").isEmpty();

        assertThat(list(home.resolve("deploy"))).isEqualTo(deployBefore);
        assertThat(work.resolve("escaped.jar")).doesNotExist();
        assertThat(home.resolve("escaped.jar")).doesNotExist();
        assertThat(http.state(SAMPLE)).isEqualTo("ACTIVE");
    }

    @Test
    @Order(4)
    void installsAnUploadedJarWithTheToken() throws Exception {
        byte[] jar = Files.readAllBytes(work.resolve("build/uploaded.jar"));

        ContainerHttp.Response response = http.send("POST", "/api/plugins?file=uploaded.jar", token,
                "application/java-archive", jar);

        assertThat(response.status()).as(response.text()).isEqualTo(201);
        assertThat(response.body().path("outcome").asText()).isEqualTo("INSTALLED");
        assertThat(response.body().path("name").asText()).isEqualTo(UPLOADED);
        assertThat(http.state(UPLOADED)).isEqualTo("ACTIVE");
        assertThat(home.resolve("deploy/uploaded.jar")).hasBinaryContent(jar);
        assertThat(http.send("POST", "/api/plugins?file=uploaded.jar", token, "application/java-archive", jar).status())
                .as("the same file name again").isEqualTo(409);
    }

    @Test
    @Order(5)
    void installsFromAFileUrlSource() throws Exception {
        Path jar = TestBundles.bundle(work.resolve("build/from-url.jar"), "test.fromurl", "1.0.0");

        ContainerHttp.Response response = http.send("POST", "/api/plugins", token, "application/json",
                ContainerHttp.json(Map.of("source", jar.toUri().toString())));

        assertThat(response.status()).as(response.text()).isEqualTo(201);
        assertThat(http.state("test.fromurl")).isEqualTo("ACTIVE");
    }

    @Test
    @Order(6)
    void installsFromMavenCoordinatesOnTheCommandLine() throws Exception {
        Path artifact = work.resolve("m2-remote/org/acme/test/test.maven/1.0.0/test.maven-1.0.0.jar");
        TestBundles.bundle(artifact, "test.maven", "1.0.0");
        Files.writeString(artifact.resolveSibling("test.maven-1.0.0.pom"), "<project><modelVersion>4.0.0</modelVersion>"
                + "<groupId>org.acme.test</groupId><artifactId>test.maven</artifactId><version>1.0.0</version></project>");

        assertThat(client("install", "mvn:org.acme.test/test.maven/1.0.0", "--home", home.toString())).isZero();

        assertThat(lastOutput(work.resolve("client.txt"))).anySatisfy(line -> assertThat(line)
                .isEqualTo("test.maven 1.0.0: INSTALLED (state ACTIVE)"));
        assertThat(http.state("test.maven")).isEqualTo("ACTIVE");

        ContainerHttp.Response missing = http.send("POST", "/api/plugins", token, "application/json",
                ContainerHttp.json(Map.of("source", "mvn:org.acme.test/not.there/9.9.9")));
        assertThat(missing.status()).as(missing.text()).isEqualTo(502);
        assertThat(missing.body().path("error").asText()).contains("mvn:org.acme.test/not.there/9.9.9");
        assertThat(http.plugin("not.there")).isEmpty();
    }

    @Test
    @Order(7)
    void stopsStartsAndConfiguresAPlugin() throws Exception {
        assertThat(http.send("POST", "/api/plugins/" + SAMPLE + "/stop", token, null, null).body().path("outcome").asText())
                .isEqualTo("STOPPED");
        assertThat(http.state(SAMPLE)).isEqualTo("STOPPED");
        assertThat(http.send("POST", "/api/plugins/" + SAMPLE + "/stop", token, null, null).body().path("outcome").asText())
                .isEqualTo("UNCHANGED");
        assertThat(http.send("POST", "/api/plugins/" + SAMPLE + "/start", token, null, null).body().path("outcome").asText())
                .isEqualTo("STARTED");
        assertThat(http.state(SAMPLE)).isEqualTo("ACTIVE");

        ContainerHttp.Response configured = http.send("PUT", "/api/plugins/" + SAMPLE + "/config", token, "application/json",
                ContainerHttp.json(Map.of("maxEntries", "500")));
        assertThat(configured.status()).as(configured.text()).isEqualTo(200);
        assertThat(configured.body().path("configuration").path("maxEntries").asText()).isEqualTo("500");
        assertThat(home.resolve("etc/" + SAMPLE + ".json")).exists();

        ContainerHttp.Response limited = http.send("PUT", "/api/plugins/" + SAMPLE + "/limits", token, "application/json",
                ContainerHttp.json(Map.of("limits", Map.of("threads.max", 7))));
        assertThat(limited.status()).as(limited.text()).isEqualTo(200);
        assertThat(limited.body().path("limits").path("threads.max").asLong()).isEqualTo(7);
        await().atMost(CHANGE_TIMEOUT).pollInterval(POLL).untilAsserted(() -> assertThat(
                http.get("/api/plugins/" + SAMPLE).body().path("limits").toString()).contains("7"));

        assertThat(http.get("/api/events").body().path("events").findValuesAsText("kind")).contains("STOPPED", "STARTED",
                "INSTALLED");
    }

    @Test
    @Order(8)
    void keepsWhatWasChangedAcrossARestart() throws Exception {
        http.send("POST", "/api/plugins/" + UPLOADED + "/stop", token, null, null);
        assertThat(http.state(UPLOADED)).isEqualTo("STOPPED");

        assertThat(container.stop()).isZero();
        start();

        await().atMost(CHANGE_TIMEOUT).pollInterval(POLL).until(() -> http.state("test.fromurl"), "ACTIVE"::equals);
        assertThat(http.state(UPLOADED)).as("stopped before the restart").isEqualTo("STOPPED");
        assertThat(http.get("/api/plugins/" + SAMPLE + "/config").body().path("configuration").path("maxEntries").asText())
                .isEqualTo("500");
        assertThat(http.get("/api/plugins/" + SAMPLE + "/limits").body().path("limits").path("threads.max").asLong()).isEqualTo(7);
        assertThat(Files.readString(home.resolve("etc/admin.token")).strip()).as("the token stays").isEqualTo(token);
    }

    @Test
    @Order(9)
    void uninstallsAPluginAndItsJar() throws Exception {
        ContainerHttp.Response response = http.send("DELETE", "/api/plugins/test.fromurl", token, null, null);

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.body().path("outcome").asText()).isEqualTo("UNINSTALLED");
        assertThat(http.plugin("test.fromurl")).isEmpty();
        assertThat(home.resolve("deploy/from-url.jar")).doesNotExist();
    }

    @Test
    @Order(10)
    void theCommandLineClientListsAndChangesPlugins() throws Exception {
        Path out = work.resolve("client.txt");

        assertThat(client("list", "--home", home.toString())).isZero();
        assertThat(lastOutput(out)).anySatisfy(line -> assertThat(line).matches(SAMPLE + "\\s+1\\.0\\.0\\s+PROVIDER\\s+ACTIVE\\s+HEALTHY.*"));

        assertThat(client("stop", SAMPLE, "--home", home.toString())).isZero();
        assertThat(http.state(SAMPLE)).isEqualTo("STOPPED");
        assertThat(client("start", SAMPLE, "--home", home.toString())).isZero();
        assertThat(http.state(SAMPLE)).isEqualTo("ACTIVE");

        assertThat(client("info", "no-such-plugin", "--home", home.toString())).as("refused").isEqualTo(1);
        assertThat(lastOutput(out)).anySatisfy(line -> assertThat(line).contains("no plugin named 'no-such-plugin'"));

        Path otherHome = work.resolve("other-home");
        Files.createDirectories(otherHome.resolve("etc"));
        Files.writeString(otherHome.resolve("etc/admin.token"), "not-this-containers-token\n");
        assertThat(client("stop", SAMPLE, "--home", otherHome.toString(), "--port", Integer.toString(port)))
                .as("wrong token").isEqualTo(4);
        assertThat(http.state(SAMPLE)).isEqualTo("ACTIVE");

        assertThat(client("list", "--port", Integer.toString(ContainerProcess.freePort()))).as("nothing listening").isEqualTo(3);
        assertThat(client("stop", "--home", home.toString())).as("no plugin name: starts nothing, wrong usage")
                .isEqualTo(2);
    }

    private int client(String... args) throws IOException, InterruptedException {
        Path out = work.resolve("client.txt");
        Files.writeString(out, "$ gcommon " + String.join(" ", args) + "\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        return ContainerProcess.run(out, CLI_TIMEOUT, args);
    }

    /** @return the lines the last client command printed */
    private static List<String> lastOutput(Path out) {
        List<String> lines = ContainerProcess.read(out).lines().toList();
        int last = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("$ gcommon ")) {
                last = i;
            }
        }
        return new ArrayList<>(lines.subList(last, lines.size()));
    }

    private void start() throws Exception {
        container = ContainerProcess.start(output, "start", "--home", home.toString(), "--port", Integer.toString(port));
        await().atMost(BOOT_TIMEOUT).pollInterval(POLL).ignoreExceptions()
                .until(() -> http.state(SAMPLE), "ACTIVE"::equals);
        await().atMost(BOOT_TIMEOUT).pollInterval(POLL).until(() -> Files.exists(home.resolve("data/http.url")));
    }

    private static void assertError(ContainerHttp.Response response, int status, String naming) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.body().path("error").asText()).as(response.text()).contains(naming);
        assertThat(response.text()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    /**
     * An upload over a plain socket, so that the test controls what is sent before the answer: the
     * headers, then (when {@code chunked} is given) the body in chunks, as long as the server reads it.
     *
     * @return the server's answer, status line first
     */
    private String rawUpload(String extraHeaders, byte[] chunked) throws IOException {
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST /api/plugins?file=big.jar HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer "
                    + token + "\r\nContent-Type: application/java-archive\r\nConnection: close\r\n" + extraHeaders + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (chunked != null) {
                try {
                    for (int offset = 0; offset < chunked.length; offset += 8192) {
                        out.write((Integer.toHexString(8192) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(chunked, offset, 8192);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    // the server answered and closed before the whole body was sent: read its answer
                }
            }
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
