package org.gcommon.plugin.testkit.exam;

import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.ops4j.pax.exam.Option;

/**
 * Pax Exam options for container tests of plugins. The bundles come from the test's class path (the
 * testkit brings the runtime's bundles as dependencies, in the versions of the gcommon BOM), so a test
 * starts without a repository lookup.
 *
 * <p>With {@link #sandbox()} the test runs the container's sandbox too: plugins come in through
 * {@link #deployed(Path...)} as through the deploy folder (scanned, installed as plugins, confined to
 * their declared and default permissions), and the assertions can check what was denied.
 */
public final class GcommonOptions {

    /** System property naming the bundle jar under test; the plugin project's pom sets it. */
    public static final String BUNDLE_PROPERTY = "gcommon.bundle";

    /** The runtime bundles, in install order: the OSGi services the runtime needs, then the runtime. */
    static final List<String> RUNTIME = List.of(
            "org.osgi.util.function",
            "org.osgi.util.promise",
            "org.osgi.service.component",
            "org.apache.felix.scr",
            "org.apache.felix.configadmin",
            "org.apache.felix.eventadmin",
            "org.apache.felix.log",
            "org.apache.felix.metatype",
            "com.fasterxml.jackson.core.jackson-core",
            "com.fasterxml.jackson.core.jackson-annotations",
            "com.fasterxml.jackson.core.jackson-databind",
            "org.gcommon.plugin.api",
            "org.gcommon.plugin.manager");

    /** What the test probe uses inside the framework: the testkit's assertions, AssertJ and Awaitility. */
    static final List<String> TEST_SUPPORT = List.of(
            "org.hamcrest",
            "org.awaitility",
            "net.bytebuddy.byte-buddy",
            "assertj-core",
            "gcommon-testkit");

    private GcommonOptions() {
    }

    /**
     * Felix with the gcommon runtime: Declarative Services, Configuration Admin, Event Admin, Log,
     * Metatype, the plugin API and the runtime that initializes, starts and watches every plugin
     * service, plus JUnit and the testkit's assertions for the test probe. Inject
     * {@code PluginRegistry}, {@code HealthService} and {@code ConfigurationAdmin} into the test.
     *
     * @return the option
     * @throws IllegalStateException naming the bundle and the dependency to add, when a jar is not on the class path
     */
    public static Option runtime() {
        List<Option> options = new ArrayList<>();
        options.add(junitBundles());
        // Pax Exam and Pax Logging: warnings and errors only, so the test's own output stays readable.
        options.add(frameworkProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"));
        options.add(systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"));
        for (String name : RUNTIME) {
            options.add(bundle(name));
        }
        for (String name : TEST_SUPPORT) {
            options.add(bundle(name));
        }
        return composite(options.toArray(new Option[0]));
    }

    /**
     * The jar this project builds: the file named by system property {@value #BUNDLE_PROPERTY}, else
     * the one bundle jar in {@code target/}. Container tests run after {@code package}, so the jar is
     * the one just built (run them with {@code mvn verify}).
     *
     * @return the option installing and starting it
     * @throws IllegalStateException when no such jar exists, naming where it looked
     */
    public static Option bundleUnderTest() {
        return org.ops4j.pax.exam.CoreOptions.bundle(bundleUnderTestJar().toUri().toString());
    }

    private static Path bundleUnderTestJar() {
        String property = System.getProperty(BUNDLE_PROPERTY);
        Path jar;
        if (property != null && !property.isBlank() && !property.startsWith("${")) {
            jar = Path.of(property);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("The bundle under test " + jar.toAbsolutePath() + " (system property "
                        + BUNDLE_PROPERTY + ") does not exist: run container tests with 'mvn verify', after the jar is built");
            }
        } else {
            jar = onlyBundleIn(Path.of("target"));
        }
        return jar;
    }

    /**
     * A bundle on the test's class path, for plugins or libraries the plugin under test needs in the
     * container: add the jar as a test dependency, then name its symbolic name here.
     *
     * @param symbolicName the Bundle-SymbolicName
     * @return the option installing and starting it
     * @throws IllegalStateException naming the bundle, when no jar on the class path has that name
     */
    public static Option bundle(String symbolicName) {
        Path jar = ClassPathBundles.find(symbolicName).orElseThrow(() -> new IllegalStateException("No jar with "
                + "Bundle-SymbolicName '" + symbolicName + "' is on the test class path: add its artifact as a test "
                + "dependency (the gcommon runtime bundles come with org.gcommon.plugin:gcommon-testkit)"));
        return org.ops4j.pax.exam.CoreOptions.bundle(jar.toUri().toString());
    }

    /**
     * The container's sandbox: Felix's security (a SecurityManager, with Conditional Permission Admin
     * deciding for bundles), the gcommon security bundle (the default-deny plugin policy and the
     * scanner), and a container home whose {@code deploy/} folder the runtime watches. Plugins must come
     * in as plugins do in a container, through {@link #deployed(Path)} or
     * {@link #deployedBundleUnderTest()}: bundles Pax Exam installs itself (the runtime, the test probe)
     * are trusted. Code outside bundles (the JDK, JUnit, Pax Exam) gets every permission from a policy
     * file written for the test. Needs Java 17 to 23 (a JDK with a SecurityManager).
     *
     * @return the option; combine it with {@link #runtime()}
     */
    public static Option sandbox() {
        return composite(
                frameworkProperty("org.osgi.framework.security").value("osgi"),
                systemProperty("java.security.policy").value("=" + SandboxHome.policy()),
                frameworkProperty("gcommon.home").value(SandboxHome.home().toString()),
                bundle("org.apache.felix.framework.security"),
                bundle("org.gcommon.plugin.security"));
    }

    /**
     * Deploys a plugin jar as an administrator would: into the {@code deploy/} folder of the
     * {@link #sandbox()} home, so that the runtime scans it, installs it as a plugin and sandboxes it.
     * As in the container, the jar is copied there only once the sandbox holds (the testkit bundle
     * waits for it), so no plugin code runs unconfined.
     *
     * @param jars the plugin jars
     * @return the option
     */
    public static Option deployed(Path... jars) {
        StringBuilder paths = new StringBuilder();
        for (Path jar : jars) {
            if (!java.nio.file.Files.isRegularFile(jar)) {
                throw new IllegalStateException("Cannot deploy " + jar.toAbsolutePath() + ": no such file");
            }
            paths.append(paths.length() == 0 ? "" : java.io.File.pathSeparator).append(jar.toAbsolutePath());
        }
        return frameworkProperty(org.gcommon.plugin.testkit.internal.DeployWhenSandboxed.PENDING).value(paths.toString());
    }

    /** @return {@link #deployed(Path)} of the jar this project builds (see {@link #bundleUnderTest()}) */
    public static Option deployedBundleUnderTest() {
        return deployed(bundleUnderTestJar());
    }

    private static Path onlyBundleIn(Path target) {
        List<Path> bundles = new ArrayList<>();
        if (Files.isDirectory(target)) {
            try (Stream<Path> files = Files.list(target)) {
                files.filter(p -> p.getFileName().toString().endsWith(".jar"))
                        .filter(p -> !p.getFileName().toString().endsWith("-sources.jar"))
                        .filter(p -> !p.getFileName().toString().endsWith("-tests.jar"))
                        .filter(p -> ClassPathBundles.symbolicName(p).isPresent())
                        .forEach(bundles::add);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot list " + target.toAbsolutePath() + ": " + e.getMessage(), e);
            }
        }
        if (bundles.size() != 1) {
            throw new IllegalStateException("Expected one bundle jar in " + target.toAbsolutePath() + " but found "
                    + (bundles.isEmpty() ? "none" : bundles) + ": run container tests with 'mvn verify' (after the "
                    + "jar is built), or name the jar with -D" + BUNDLE_PROPERTY + "=PATH");
        }
        return bundles.get(0);
    }
}
