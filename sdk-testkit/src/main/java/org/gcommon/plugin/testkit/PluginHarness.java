package org.gcommon.plugin.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.PluginNames;
import org.gcommon.plugin.api.integration.Resilience;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs plugins in the test's JVM the way the container runs them: configuration into
 * {@link Plugin#initialize}, {@link Plugin#start} and {@link Plugin#stop} on a harness thread with a
 * deadline and a cancellable {@link org.gcommon.plugin.api.PluginContext}, {@link Plugin#health()} under
 * a timeout, an in-memory event bus and registry, a data directory per plugin, and log lines kept for
 * assertions. No framework starts, so a test takes milliseconds.
 *
 * <p>Register it as a JUnit 5 extension; after each test it stops what is still running and deletes
 * the data directories:
 * <pre>
 * &#64;RegisterExtension
 * final PluginHarness harness = new PluginHarness();
 *
 * &#64;Test
 * void refusesAnEmptyGreeting() {
 *     TestedPlugin&lt;GreeterPlugin&gt; greeter = harness.start(new GreeterPlugin(), Map.of("greeting", ""));
 *     assertThat(greeter).isFailed().hasLastErrorContaining("greeting");
 * }
 * </pre>
 * Outside JUnit, use it with try-with-resources.
 *
 * <p>What the harness does not do: no OSGi framework, no Declarative Services (construct the plugin
 * yourself and pass its references), no sandbox. Container tests with
 * {@link org.gcommon.plugin.testkit.exam.GcommonOptions} cover those.
 */
public final class PluginHarness implements BeforeEachCallback, AfterEachCallback, AutoCloseable {

    /** The container's default deadline for initialize, start and stop. */
    public static final Duration DEFAULT_LIFECYCLE_TIMEOUT = Duration.ofSeconds(10);
    /** The container's default timeout of a health call. */
    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(2);

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Map<String, TestedPlugin<?>> plugins = new ConcurrentHashMap<>();
    private final List<TestedPlugin<?>> order = new ArrayList<>();
    private final java.util.Map<String, ExecutorService> pluginExecutors = new java.util.HashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "gcommon-testkit-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private final TimedCalls calls = new TimedCalls(threads);
    private volatile TestEventBus events = new TestEventBus();
    private volatile TestRegistry registry = new TestRegistry(this);
    private volatile Duration lifecycleTimeout = DEFAULT_LIFECYCLE_TIMEOUT;
    private volatile Duration healthTimeout = DEFAULT_HEALTH_TIMEOUT;
    private volatile Path dataRoot;

    /** A harness with the container's default timeouts. */
    public PluginHarness() {
    }

    /**
     * @param timeout the deadline of each initialize, start and stop call (the container's
     *        {@code lifecycle.timeout.ms}); a plugin overrunning it ends FAILED
     * @return this
     */
    public PluginHarness withLifecycleTimeout(Duration timeout) {
        this.lifecycleTimeout = positive(timeout, "lifecycle timeout");
        return this;
    }

    /**
     * @param timeout how long a health call may take before it reads UNKNOWN (the container's {@code health.timeout.ms})
     * @return this
     */
    public PluginHarness withHealthTimeout(Duration timeout) {
        this.healthTimeout = positive(timeout, "health timeout");
        return this;
    }

    /**
     * Lists a plugin without initializing it ({@code RESOLVED}), for tests that drive each call
     * themselves. A plugin whose name or version the container would refuse is listed FAILED with the
     * container's reason.
     *
     * @param <P> the plugin's class
     * @param plugin the plugin instance, constructed by the test with whatever its component would get
     * @return the plugin under test
     * @throws IllegalStateException when another plugin under test already has the same name
     */
    public <P extends Plugin> TestedPlugin<P> load(P plugin) {
        Objects.requireNonNull(plugin, "plugin");
        String name;
        String version;
        String problem = null;
        try {
            name = plugin.name();
            version = plugin.version();
        } catch (RuntimeException e) {
            throw new IllegalStateException("name() or version() of " + plugin.getClass().getName() + " threw " + e
                    + ": both must answer at once, before initialize()", e);
        }
        if (!PluginNames.isValid(name)) {
            problem = "Plugin " + plugin.getClass().getName() + " has an invalid name '" + name + "': name() must return "
                    + "1 to 128 characters of lower case letters, digits, '.', '-' and '_', starting with a letter or "
                    + "digit (e.g. 'memory-cache')";
            name = "invalid-" + plugin.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        } else if (!isOsgiVersion(version)) {
            problem = "Plugin '" + name + "' has an invalid version '" + version + "': version() must return an OSGi "
                    + "version such as 1.2.0 (major.minor.micro[.qualifier])";
        }
        TestedPlugin<P> tested = new TestedPlugin<>(this, plugin, name, version == null ? "" : version);
        if (plugins.putIfAbsent(name, tested) != null) {
            throw new IllegalStateException("Another plugin under test is already named '" + name + "': plugin names "
                    + "must be unique in a container, as in this harness");
        }
        synchronized (order) {
            order.add(tested);
        }
        if (problem != null) {
            tested.rejected(problem);
        } else {
            tested.resolved();
        }
        return tested;
    }

    /**
     * Lists, initializes with an empty configuration and starts a plugin.
     *
     * @param <P> the plugin's class
     * @param plugin the plugin instance
     * @return the plugin under test, ACTIVE or FAILED
     */
    public <P extends Plugin> TestedPlugin<P> start(P plugin) {
        return start(plugin, Map.of());
    }

    /**
     * Lists, initializes with the configuration and starts a plugin.
     *
     * @param <P> the plugin's class
     * @param plugin the plugin instance
     * @param configuration what {@code etc/<name>.cfg} would hold (strings) or {@code .json} (typed values)
     * @return the plugin under test, ACTIVE or FAILED
     */
    public <P extends Plugin> TestedPlugin<P> start(P plugin, Map<String, ?> configuration) {
        TestedPlugin<P> tested = load(plugin);
        if (tested.lastError().isPresent()) {
            return tested;
        }
        tested.initialize(configuration);
        return tested.start();
    }

    /**
     * @param name a plugin's name
     * @return the plugin under test of that name
     */
    public Optional<TestedPlugin<?>> plugin(String name) {
        return Optional.ofNullable(plugins.get(name));
    }

    /** @return every plugin under test, in the order they were loaded */
    public List<TestedPlugin<?>> plugins() {
        synchronized (order) {
            return List.copyOf(order);
        }
    }

    /** @return the in-memory event bus the plugins publish on and subscribe to */
    public TestEventBus events() {
        return events;
    }

    /** @return the registry the plugins get from their context; add stand-in providers to it */
    public TestRegistry registry() {
        return registry;
    }

    /**
     * The runtime's own {@link Resilience} service (retries and circuit breakers), for integration
     * plugins whose component takes it as a reference: {@code new MyPlugin(harness.resilience())}.
     *
     * @return a new instance of the container's implementation
     * @throws IllegalStateException when the runtime's jar is not on the class path
     */
    public Resilience resilience() {
        // The manager jar declares its implementation for java.util.ServiceLoader: no dependency on its internals.
        return ServiceLoader.load(Resilience.class, PluginHarness.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException("No Resilience implementation on the test class path: "
                        + "add org.gcommon.plugin:org.gcommon.plugin.manager as a test dependency (gcommon-testkit "
                        + "brings it unless it is excluded)"));
    }

    /** Stops every plugin still active, last loaded first, as the container does on shutdown. */
    public void stopAll() {
        List<TestedPlugin<?>> all = plugins();
        for (int i = all.size() - 1; i >= 0; i--) {
            all.get(i).stop();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        reset();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        reset();
    }

    /** Stops what runs and deletes the data directories; the harness can be used again. */
    @Override
    public void close() {
        reset();
    }

    private void reset() {
        stopAll();
        synchronized (this) {
            pluginExecutors.values().forEach(ExecutorService::shutdownNow);
            pluginExecutors.clear();
        }
        plugins.clear();
        synchronized (order) {
            order.clear();
        }
        events = new TestEventBus();
        registry = new TestRegistry(this);
        Path root = dataRoot;
        dataRoot = null;
        if (root != null) {
            deleteTree(root);
        }
    }

    // --- for TestedPlugin --------------------------------------------------------------------------

    TimedCalls calls() {
        return calls;
    }

    ExecutorService threads() {
        return threads;
    }

    Duration lifecycleTimeout() {
        return lifecycleTimeout;
    }

    Duration healthTimeout() {
        return healthTimeout;
    }

    TestPluginContext newContext(TestedPlugin<?> plugin, RecordingLogger logger) {
        return new TestPluginContext(plugin.name(), lifecycleTimeout, logger, () -> dataDirectory(plugin.name()),
                events.forPlugin(plugin.name(), logger), registry, () -> pluginExecutor(plugin.name()));
    }

    /** The executor a plugin gets from its context: one per plugin, shut down by {@link #close()}. */
    synchronized ExecutorService pluginExecutor(String pluginName) {
        return pluginExecutors.computeIfAbsent(pluginName, n -> java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "plugin-" + n);
            t.setDaemon(true);
            return t;
        }));
    }

    synchronized Path dataDirectory(String pluginName) {
        try {
            if (dataRoot == null) {
                dataRoot = Files.createTempDirectory("gcommon-testkit-");
            }
            return Files.createDirectories(dataRoot.resolve(pluginName));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory of plugin '" + pluginName + "' under "
                    + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
        }
    }

    private static boolean isOsgiVersion(String version) {
        try {
            org.osgi.framework.Version.parseVersion(version);
            return version != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Duration positive(Duration timeout, String what) {
        Objects.requireNonNull(timeout, what);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The " + what + " must be positive, not " + timeout);
        }
        return timeout;
    }

    private static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a leftover temp directory must not fail the test that used it
        }
    }
}
