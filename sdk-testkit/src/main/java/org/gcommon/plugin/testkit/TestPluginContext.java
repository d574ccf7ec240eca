package org.gcommon.plugin.testkit;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;

import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.PluginLogger;
import org.gcommon.plugin.api.PluginRegistry;
import org.gcommon.plugin.api.event.PluginEvents;
import org.gcommon.plugin.manager.context.CancellableContext;

/**
 * A {@link PluginContext} with the runtime's deadline and cancellation, a logger that keeps every line,
 * and the services a test gives it. The {@link PluginHarness} hands one to each start and stop; a test
 * that calls {@code start} and {@code stop} itself (for example to give the plugin its own registry or
 * event bus) makes one:
 * <pre>
 * TestPluginContext context = new TestPluginContext("memory-cache");
 * plugin.initialize(Map.of("max.entries", "100"));
 * plugin.start(context);
 * assertThat(context.logLines()).contains("INFO memory-cache serves a cache of at most 100 entries, entries live 60 s");
 * </pre>
 * {@link #cancel()} cancels it as the runtime does when a call overruns its deadline. A service the
 * test did not give throws when the plugin asks for it, naming the method that gives it; the executor
 * is the common pool unless the test gives one.
 */
public final class TestPluginContext extends CancellableContext {

    private final RecordingLogger logger;
    private volatile Supplier<Path> dataDirectory;
    private volatile PluginEvents events;
    private volatile PluginRegistry registry;
    private volatile Supplier<ExecutorService> executor;

    /**
     * A context whose deadline is the container's default lifecycle timeout from now.
     *
     * @param pluginName the name of the plugin it is handed to
     */
    public TestPluginContext(String pluginName) {
        this(pluginName, PluginHarness.DEFAULT_LIFECYCLE_TIMEOUT);
    }

    /**
     * @param pluginName the name of the plugin it is handed to
     * @param timeout how long the call may take: the deadline is that long after now
     */
    public TestPluginContext(String pluginName, Duration timeout) {
        this(pluginName, timeout, new RecordingLogger(), null, null, null, ForkJoinPool::commonPool);
    }

    TestPluginContext(String pluginName, Duration timeout, RecordingLogger logger, Supplier<Path> dataDirectory,
            PluginEvents events, PluginRegistry registry, Supplier<ExecutorService> executor) {
        super(pluginName, timeout, Clock.systemUTC());
        this.logger = Objects.requireNonNull(logger, "logger");
        this.dataDirectory = dataDirectory;
        this.events = events;
        this.registry = registry;
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * @param directory what {@link #dataDirectory()} returns, e.g. a JUnit {@code @TempDir}
     * @return this
     */
    public TestPluginContext withDataDirectory(Path directory) {
        Objects.requireNonNull(directory, "directory");
        this.dataDirectory = () -> directory;
        return this;
    }

    /**
     * @param events what {@link #events()} returns
     * @return this
     */
    public TestPluginContext withEvents(PluginEvents events) {
        this.events = Objects.requireNonNull(events, "events");
        return this;
    }

    /**
     * @param registry what {@link #registry()} returns
     * @return this
     */
    public TestPluginContext withRegistry(PluginRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        return this;
    }

    /**
     * @param executor what {@link #executor()} returns instead of the common pool
     * @return this
     */
    public TestPluginContext withExecutor(ExecutorService executor) {
        Objects.requireNonNull(executor, "executor");
        this.executor = () -> executor;
        return this;
    }

    /** @return what the plugin logged through this context, in order */
    public List<LogEntry> logs() {
        return logger.entries();
    }

    /** @return what the plugin logged through this context as {@code LEVEL message} lines, in order */
    public List<String> logLines() {
        return logger.lines();
    }

    @Override
    public Path dataDirectory() {
        return given(dataDirectory, "data directory", "withDataDirectory(path)").get();
    }

    @Override
    public PluginLogger logger() {
        return logger;
    }

    @Override
    public PluginEvents events() {
        return given(events, "event bus", "withEvents(events)");
    }

    @Override
    public PluginRegistry registry() {
        return given(registry, "registry", "withRegistry(registry)");
    }

    @Override
    public ExecutorService executor() {
        return executor.get();
    }

    private <T> T given(T service, String what, String method) {
        if (service == null) {
            throw new IllegalStateException("The test context of plugin '" + pluginName() + "' has no " + what
                    + ": give it one with " + method + ", or run the plugin in a PluginHarness, which has every service");
        }
        return service;
    }
}
