package org.gcommon.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Collectors;

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
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console page ({@code /console/}) in a real headless Chromium against the built container: what
 * a user sees of the sample plugins, how plugin text is shown, stopping and starting a plugin through
 * the page's buttons with and without the admin token, and installing, updating and uninstalling a jar
 * through it. The steps build on each other, in order.
 *
 * <p>The browser is Debian's {@code chromium} driven by its {@code chromedriver} ({@code .ci/run}
 * installs both); {@code -Dgcommon.chromium=…} and {@code -Dgcommon.chromedriver=…} point elsewhere.
 * Both paths are given to Selenium, so it never looks for or downloads a browser or a driver.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsolePageIT {

    private static final List<String> SAMPLES = List.of("memory-cache", "backup-cache", "request-logging", "rate-limit",
            "metrics", "webhook");
    private static final String PLUGIN = "memory-cache";
    /** A jar name that is markup: a REJECTED garbage jar is listed under its file name. */
    private static final String MARKUP_NAME = "<img src=x onerror=alert(document.domain)>.jar";
    /** A bundle the test installs, updates and uninstalls through the page. */
    private static final String UPLOADED = "test.console.upload";
    private static final String BAD_FILE_NAME = "not a plugin name!.jar";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(100);

    @TempDir
    static Path work;

    private Path home;
    private Path output;
    private ContainerProcess container;
    private ContainerHttp http;
    private String page;
    private WebDriver browser;

    @RegisterExtension
    final TestWatcher printLogsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                saveScreenshot(context.getRequiredTestMethod().getName());
                try {
                    System.out.println("---- the page's text ----");
                    System.out.println(browser.findElement(By.tagName("body")).getText());
                    System.out.println("---- browser console ----");
                    browserConsole().forEach(System.out::println);
                } catch (RuntimeException e) {
                    // e.g. an alert the page opened: it is the failure itself
                    System.out.println("---- the browser cannot tell: " + e);
                }
            }
            System.out.println("---- " + home.resolve("log/gcommon.log") + " ----");
            System.out.println(ContainerProcess.read(home.resolve("log/gcommon.log")));
            System.out.println("---- process output ----");
            System.out.println(ContainerProcess.read(output));
        }
    };

    @BeforeAll
    void startContainerAndBrowser() throws Exception {
        home = work.resolve("home");
        output = work.resolve("container-output.txt");
        int port = ContainerProcess.freePort();
        http = new ContainerHttp(port);
        page = "http://127.0.0.1:" + port + "/console/";
        container = ContainerProcess.start(output, "start", "--home", home.toString(), "--port", Integer.toString(port));
        browser = headlessChromium(work.resolve("chromium-profile"));
        await().atMost(TIMEOUT).pollInterval(POLL).ignoreExceptions().untilAsserted(() -> {
            assertThat(http.get("/health").status()).isEqualTo(200);
            for (String sample : SAMPLES) {
                assertThat(http.state(sample)).as(sample).isEqualTo("ACTIVE");
            }
        });
    }

    @AfterAll
    void stopBrowserAndContainer() {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (container != null) {
                container.close();
            }
        }
    }

    @Test
    @Order(1)
    void servesThePageWithItsSecurityHeadersAndNothingBesideIt() throws Exception {
        for (String file : List.of("/console/", "/console/console.js", "/console/console.css")) {
            ContainerHttp.Response response = http.get(file);
            assertThat(response.status()).as(file).isEqualTo(200);
            assertThat(response.header("Content-Security-Policy")).as(file).hasValueSatisfying(csp -> assertThat(csp)
                    .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval"));
            assertThat(response.header("X-Content-Type-Options")).as(file).contains("nosniff");
            assertThat(response.header("X-Frame-Options")).as(file).contains("DENY");
        }
        assertThat(http.get("/console/").header("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(http.get("/console/console.js").header("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/javascript"));

        // only the files of the page's own folder: not the bundle's classes, manifest or anything beyond
        for (String outside : List.of("/console/META-INF/MANIFEST.MF",
                "/console/org/gcommon/plugin/console/internal/ConsolePageServlet.class",
                "/console/..%2FMETA-INF%2FMANIFEST.MF", "/console/%2e%2e/%2e%2e/etc/admin.token",
                "/console/console/index.html", "/console/missing.js")) {
            ContainerHttp.Response response = http.get(outside);
            assertThat(response.status()).as(outside).isIn(400, 404);
            assertThat(response.text()).as(outside).doesNotContain("Bundle-SymbolicName", "<!DOCTYPE html>");
        }
    }

    @Test
    @Order(2)
    void listsTheSamplePluginsWithTheirStateTypeVersionAndHealth() {
        browser.get(page);

        assertThat(browser.getTitle()).isEqualTo("gcommon plugins");
        for (String sample : SAMPLES) {
            awaitShown(sample, "ACTIVE");
            assertThat(cell(sample, "col-health").getText()).as(sample).startsWith("HEALTHY");
        }
        assertThat(cell(PLUGIN, "col-version").getText()).isEqualTo("1.0.0");
        assertThat(cell(PLUGIN, "col-type").getText()).isEqualTo("PROVIDER");
        assertThat(cell(PLUGIN, "col-health").getText()).contains("entries");
        assertThat(cell(PLUGIN, "col-usage").getText()).contains("threads", "CPU");
        assertThat(browser.findElement(By.id("container-health")).getText()).isEqualTo("Container: HEALTHY");

        // permissions as GET /api/plugins/{name} has them, behind the row's disclosure
        WebElement details = row(PLUGIN).findElement(By.tagName("details"));
        assertThat(details.getText()).doesNotContain("Effective permissions");
        details.findElement(By.tagName("summary")).click();
        assertThat(details.getText()).contains("Declared permissions (0)", "Granted permissions (0)",
                "Effective permissions", "(org.osgi.framework.PackagePermission \"*\" \"import\")", "threads.max");

        // every plugin is listed once, in the API's order
        List<String> shown = browser.findElements(By.cssSelector("#plugins tbody th[scope=row]")).stream()
                .map(WebElement::getText).collect(Collectors.toList());
        assertThat(shown).containsAll(SAMPLES).doesNotHaveDuplicates();

        // the plugins' starts, newest first, from GET /api/events
        wait("recent events to be listed").until(d -> eventsShown().stream()
                .anyMatch(e -> e.contains("STARTED") && e.contains(PLUGIN + ":")));
        assertThat(browser.findElement(By.id("events-status")).getText()).isEmpty();

        assertThat(browserConsole()).as("script errors or Content-Security-Policy violations in the browser console")
                .noneMatch(line -> line.contains("Content Security Policy") || line.contains("Uncaught"));
    }

    @Test
    @Order(3)
    void showsMarkupInAPluginNameAsText() throws Exception {
        Files.writeString(home.resolve("deploy").resolve(MARKUP_NAME), "this is not a zip archive\n",
                StandardCharsets.UTF_8);

        awaitShown(MARKUP_NAME, "REJECTED");

        assertThat(row(MARKUP_NAME).findElements(By.tagName("img"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#plugins img"))).isEmpty();
        // an alert would be open (and fail every further browser call) had the name run as markup
        assertThat(browser.getTitle()).isEqualTo("gcommon plugins");
        assertThat(cell(MARKUP_NAME, "col-state").getText()).startsWith("REJECTED");

        Files.delete(home.resolve("deploy").resolve(MARKUP_NAME));
        wait("the rejected jar's row to go once its file is deleted")
                .until(d -> d.findElements(rowLocator(MARKUP_NAME)).isEmpty());
    }

    @Test
    @Order(4)
    void anActionWithoutTheTokenSaysItIsNeededAndChangesNothing() throws Exception {
        assertThat(browser.findElement(By.id("token-state")).getText()).startsWith("No token set");

        button(PLUGIN, "Stop").click();

        WebElement message = browser.findElement(By.id("action-message"));
        wait("the page to say that the admin token is needed").until(d -> message.isDisplayed()
                && message.getText().contains("needs the admin token"));
        // the page's own explanation, then the API's error and fix, which name the token file of this home
        assertThat(message.getText()).contains("Stop " + PLUGIN, "etc/admin.token",
                "Fix: ", home.resolve("etc/admin.token").toString());
        assertThat(message.getAttribute("role")).isEqualTo("alert");
        assertThat(apiState(PLUGIN)).isEqualTo("ACTIVE");
        assertThat(shownState(PLUGIN)).isEqualTo("ACTIVE");
    }

    @Test
    @Order(5)
    void stopsAndStartsAPluginWithTheToken() throws Exception {
        String token = Files.readAllLines(home.resolve("etc/admin.token"), StandardCharsets.UTF_8).get(0).strip();
        browser.findElement(By.id("token-input")).sendKeys(token);
        browser.findElement(By.id("token-save")).click();
        wait("the page to say a token is set").until(d -> d.findElement(By.id("token-state")).getText()
                .startsWith("A token is set"));
        // kept for this tab only, and not left in the form
        JavascriptExecutor js = (JavascriptExecutor) browser;
        assertThat(js.executeScript("return window.localStorage.length")).isEqualTo(0L);
        assertThat(js.executeScript("return Object.values(window.sessionStorage)")).isEqualTo(List.of(token));
        assertThat(browser.findElement(By.id("token-input")).getAttribute("value")).isEmpty();

        button(PLUGIN, "Stop").click();

        awaitShown(PLUGIN, "STOPPED");
        assertThat(apiState(PLUGIN)).isEqualTo("STOPPED");
        awaitMessage("Stop " + PLUGIN + ": STOPPED");
        assertThat(button(PLUGIN, "Stop").isEnabled()).isFalse();
        assertThat(apiState("backup-cache")).isEqualTo("ACTIVE");
        wait("the stop to be listed among the recent events").until(d -> eventsShown().stream()
                .anyMatch(e -> e.contains("STOPPED") && e.contains(PLUGIN + ":")));

        button(PLUGIN, "Start").click();

        awaitShown(PLUGIN, "ACTIVE");
        assertThat(apiState(PLUGIN)).isEqualTo("ACTIVE");
        awaitMessage("Start " + PLUGIN + ": STARTED");
        wait(PLUGIN + " to be shown HEALTHY again").until(d -> cell(PLUGIN, "col-health").getText().startsWith("HEALTHY"));
    }

    @Test
    @Order(6)
    void installsUpdatesAndUninstallsAJarThroughThePage() throws Exception {
        Path first = TestBundles.bundle(work.resolve("upload/1.0.0/" + UPLOADED + ".jar"), UPLOADED, "1.0.0");
        Path second = TestBundles.bundle(work.resolve("upload/1.0.1/" + UPLOADED + ".jar"), UPLOADED, "1.0.1");

        // a file name the API refuses: its error and fix are shown, nothing is installed
        Path badName = TestBundles.bundle(work.resolve("upload/bad/" + BAD_FILE_NAME), UPLOADED, "1.0.0");
        install(badName);
        awaitMessage("Install " + BAD_FILE_NAME + " failed (HTTP 400)");
        assertThat(browser.findElement(By.cssSelector("#action-message .message-error")).getText())
                .as("the API's error, naming the file").contains(BAD_FILE_NAME);
        assertThat(http.get("/api/plugins/" + UPLOADED).status()).isEqualTo(404);

        install(first);

        awaitMessage("Install " + UPLOADED + ".jar: INSTALLED");
        awaitShown(UPLOADED, "ACTIVE");
        assertThat(cell(UPLOADED, "col-version").getText()).isEqualTo("1.0.0");
        assertThat(home.resolve("deploy/" + UPLOADED + ".jar")).exists();

        row(UPLOADED).findElement(By.cssSelector("input[type=file]")).sendKeys(second.toString());

        awaitMessage("Update " + UPLOADED + " with " + UPLOADED + ".jar: UPDATED");
        wait(UPLOADED + " to be shown at 1.0.1").until(d -> cell(UPLOADED, "col-version").getText().equals("1.0.1"));
        awaitShown(UPLOADED, "ACTIVE");

        button(UPLOADED, "Uninstall").click();
        browser.switchTo().alert().accept();

        awaitMessage("Uninstall " + UPLOADED + ": UNINSTALLED");
        wait(UPLOADED + "'s row to go").until(d -> d.findElements(rowLocator(UPLOADED)).isEmpty());
        assertThat(http.get("/api/plugins/" + UPLOADED).status()).isEqualTo(404);
        assertThat(home.resolve("deploy/" + UPLOADED + ".jar")).doesNotExist();
        assertThat(apiState(PLUGIN)).isEqualTo("ACTIVE");
    }

    private void install(Path jar) {
        browser.findElement(By.id("install-file")).sendKeys(jar.toString());
        browser.findElement(By.xpath("//form[@id='install-form']//button[normalize-space()='Install']")).click();
    }

    /** @return the plugin's state as {@code GET /api/plugins/{name}} tells it */
    private String apiState(String plugin) throws Exception {
        ContainerHttp.Response response = http.get("/api/plugins/" + plugin);
        assertThat(response.status()).as("GET /api/plugins/%s: %s", plugin, response.text()).isEqualTo(200);
        return response.body().path("state").asText();
    }

    // ---- what the page shows ----

    private static By rowLocator(String plugin) {
        // the plugin's table section, found by the name in its row header as a user reads it
        return By.xpath("//table[@id='plugins']/tbody[tr/th[@scope='row' and normalize-space()="
                + xpathLiteral(plugin) + "]]");
    }

    private WebElement row(String plugin) {
        return browser.findElement(rowLocator(plugin));
    }

    private WebElement cell(String plugin, String column) {
        return row(plugin).findElement(By.cssSelector("td." + column));
    }

    private WebElement button(String plugin, String label) {
        return row(plugin).findElement(By.xpath(".//button[normalize-space()=" + xpathLiteral(label) + "]"));
    }

    private String shownState(String plugin) {
        return cell(plugin, "col-state").findElement(By.className("state")).getText();
    }

    private void awaitShown(String plugin, String state) {
        wait(plugin + " to be shown " + state).until(d -> state.equals(shownState(plugin)));
    }

    private void awaitMessage(String start) {
        wait("the page to say \"" + start + "…\"").until(d -> d.findElement(By.id("action-message")).getText()
                .startsWith(start));
    }

    private List<String> eventsShown() {
        return browser.findElements(By.cssSelector("#events li")).stream().map(WebElement::getText)
                .collect(Collectors.toList());
    }

    private WebDriverWait wait(String what) {
        WebDriverWait wait = new WebDriverWait(browser, TIMEOUT, POLL);
        wait.withMessage(() -> "waited for " + what + "; the plugin table shows:\n" + tableText());
        wait.ignoring(NoSuchElementException.class);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private String tableText() {
        try {
            return browser.findElement(By.id("plugins")).getText();
        } catch (RuntimeException e) {
            return "(no table: " + e + ")";
        }
    }

    private void saveScreenshot(String name) {
        try {
            Path shot = Path.of("target", ConsolePageIT.class.getSimpleName() + "-" + name + ".png").toAbsolutePath();
            Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            System.out.println("---- the page as the browser showed it: " + shot);
        } catch (IOException | RuntimeException e) {
            System.out.println("---- no screenshot: " + e);
        }
    }

    private List<String> browserConsole() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::toString).collect(Collectors.toList());
    }

    private static String xpathLiteral(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        if (!text.contains("\"")) {
            return "\"" + text + "\"";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }

    // ---- the browser ----

    private static WebDriver headlessChromium(Path profile) {
        Path chromium = Path.of(System.getProperty("gcommon.chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("gcommon.chromedriver", "/usr/bin/chromedriver"));
        for (Path executable : List.of(chromium, chromedriver)) {
            if (!Files.isExecutable(executable)) {
                throw new AssertionError(executable + " is missing: the console page test needs Chromium and its "
                        + "driver; install the Debian packages chromium and chromium-driver (.ci/run does), or set "
                        + "-Dgcommon.chromium=PATH and -Dgcommon.chromedriver=PATH");
            }
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        // --no-sandbox: CI runs as root, where Chromium's own sandbox cannot start
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1024", "--user-data-dir=" + profile.toAbsolutePath());
        options.setCapability("goog:loggingPrefs", logs);
        return new ChromeDriver(service, options);
    }
}
