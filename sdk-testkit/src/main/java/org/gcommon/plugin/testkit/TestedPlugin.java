package org.gcommon.plugin.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.PluginConstants;
import org.gcommon.plugin.api.PluginState;
import org.gcommon.plugin.api.PluginStateEvent;
import org.gcommon.plugin.api.ProviderPlugin;
import org.gcommon.plugin.api.event.PluginEvent;
import org.gcommon.plugin.api.extension.ExtensionPlugin;
import org.gcommon.plugin.api.middleware.Middleware;
import org.gcommon.plugin.api.middleware.MiddlewarePlugin;
import org.gcommon.plugin.testkit.TimedCalls.CallFailure;

/**
 * A plugin run by a {@link PluginHarness}: its state, last error, transitions, health, log lines and
 * published events. The lifecycle methods behave as the container's: a call that throws or overruns
 * its deadline leaves the plugin {@link PluginState#FAILED} with the container's error message instead
 * of throwing into the test, so a test asserts what an operator would see.
 *
 * @param <P> the plugin's class
 */
public final class TestedPlugin<P extends Plugin> {

    private final PluginHarness harness;
    private final P plugin;
    private final String name;
    private final String version;
    private final RecordingLogger logger = new RecordingLogger();
    private final List<PluginStateEvent> transitions = new CopyOnWriteArrayList<>();
    private volatile PluginState state;
    private volatile Instant stateSince = Instant.now();
    private volatile String lastError;
    private volatile Map<String, Object> config = Map.of();
    private volatile TestPluginContext lastContext;
    private volatile Object provided;

    TestedPlugin(PluginHarness harness, P plugin, String name, String version) {
        this.harness = harness;
        this.plugin = plugin;
        this.name = name;
        this.version = version;
    }

    /** @return the plugin instance under test */
    public P plugin() {
        return plugin;
    }

    /** @return the plugin's {@link Plugin#name()} */
    public String name() {
        return name;
    }

    /** @return the plugin's {@link Plugin#version()} */
    public String version() {
        return version;
    }

    /** @return the current state */
    public PluginState state() {
        return state;
    }

    /** @return when the plugin entered its current state */
    public Instant stateSince() {
        return stateSince;
    }

    /** @return the error of the last failed call, as the container records it */
    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    /** @return every state transition so far, in order */
    public List<PluginStateEvent> transitions() {
        return List.copyOf(transitions);
    }

    /** @return the states passed through so far, in order (the first one included) */
    public List<PluginState> states() {
        return transitions.stream().map(PluginStateEvent::to).toList();
    }

    /** @return the configuration handed to the last {@link Plugin#initialize(Map)} */
    public Map<String, Object> configuration() {
        return config;
    }

    /** @return what the plugin logged so far, in order */
    public List<LogEntry> logs() {
        return logger.entries();
    }

    /** @return what the plugin logged so far as {@code LEVEL message} lines, in order */
    public List<String> logLines() {
        return logger.lines();
    }

    /** @return the events the plugin published on its own topics, in order */
    public List<PluginEvent> published() {
        return harness.events().publishedBy(name);
    }

    /** @return the plugin's data directory (created on first use, deleted after the test) */
    public Path dataDirectory() {
        return harness.dataDirectory(name);
    }

    /** @return the context of the last start or stop call, e.g. to check that it was cancelled */
    public Optional<org.gcommon.plugin.api.PluginContext> lastContext() {
        return Optional.ofNullable(lastContext);
    }

    /** @return for an active {@link ProviderPlugin}, the provider the runtime would hand out */
    Optional<Object> provided() {
        return Optional.ofNullable(provided);
    }

    /**
     * Hands the plugin its configuration, as the container does with {@code etc/<name>.cfg}. Values are
     * passed as given: use strings to test what a {@code .cfg} file gives, numbers and booleans for
     * {@code .json}.
     *
     * @param configuration the configuration; {@code null} values are left out
     * @return this, {@link PluginState#INITIALIZED}, or {@link PluginState#FAILED} with the reason
     */
    public synchronized TestedPlugin<P> initialize(Map<String, ?> configuration) {
        requireNotActive("initialize");
        config = copy(configuration);
        try {
            Map<String, Object> handed = config;
            harness.calls().call(name, "initialize()", harness.lifecycleTimeout(), null, () -> {
                plugin.initialize(handed);
                return null;
            });
            move(PluginState.INITIALIZED, null);
        } catch (CallFailure e) {
            move(PluginState.FAILED, e.getMessage());
        }
        return this;
    }

    /**
     * Starts the plugin as the container does: initializes it with its configuration first unless a
     * test just did, then calls {@link Plugin#start}, then checks what its type must supply (a provider,
     * a middleware, an extension).
     *
     * @return this, {@link PluginState#ACTIVE}, or {@link PluginState#FAILED} with the reason
     */
    public synchronized TestedPlugin<P> start() {
        if (state == PluginState.ACTIVE) {
            return this;
        }
        if (state != PluginState.INITIALIZED) {
            initialize(config);
            if (state == PluginState.FAILED) {
                return this;
            }
        }
        move(PluginState.STARTING, null);
        TestPluginContext context = harness.newContext(this, logger);
        lastContext = context;
        try {
            harness.calls().call(name, "start()", harness.lifecycleTimeout(), context, () -> {
                plugin.start(context);
                return null;
            });
        } catch (CallFailure e) {
            harness.events().endSubscriptionsOf(name);
            move(PluginState.FAILED, e.getMessage());
            return this;
        }
        try {
            checkTypeContract();
        } catch (CallFailure e) {
            // Started but unusable: undo the start, then report why, as the runtime does.
            TestPluginContext undo = harness.newContext(this, logger);
            try {
                harness.calls().call(name, "stop()", harness.lifecycleTimeout(), undo, () -> {
                    plugin.stop(undo);
                    return null;
                });
            } catch (CallFailure ignored) {
                // the first failure is the one worth reporting
            }
            harness.events().endSubscriptionsOf(name);
            move(PluginState.FAILED, e.getMessage());
            return this;
        }
        move(PluginState.ACTIVE, null);
        return this;
    }

    /**
     * Stops an active (or initialized) plugin; its event subscriptions end. Does nothing in other states.
     *
     * @return this, {@link PluginState#STOPPED}, or {@link PluginState#FAILED} when stop threw or overran
     */
    public synchronized TestedPlugin<P> stop() {
        if (state != PluginState.ACTIVE && state != PluginState.INITIALIZED) {
            return this;
        }
        provided = null;
        move(PluginState.STOPPING, null);
        TestPluginContext context = harness.newContext(this, logger);
        lastContext = context;
        try {
            harness.calls().call(name, "stop()", harness.lifecycleTimeout(), context, () -> {
                plugin.stop(context);
                return null;
            });
            move(PluginState.STOPPED, null);
        } catch (CallFailure e) {
            move(PluginState.FAILED, e.getMessage());
        } finally {
            harness.events().endSubscriptionsOf(name);
        }
        return this;
    }

    /**
     * Applies a new configuration as the container does when {@code etc/<name>.cfg} changes: stop,
     * initialize with the new values, start.
     *
     * @param configuration the new configuration
     * @return this, {@link PluginState#ACTIVE} or {@link PluginState#FAILED}
     */
    public synchronized TestedPlugin<P> reconfigure(Map<String, ?> configuration) {
        stop();
        config = copy(configuration);
        return start();
    }

    /**
     * The plugin's health as the container's health service reports it: {@link HealthStatus.Status#UNKNOWN}
     * while the plugin is not {@link PluginState#ACTIVE}, or when {@link Plugin#health()} throws, returns
     * {@code null} or does not answer within the health timeout.
     *
     * @return the health, never {@code null}
     */
    public HealthStatus health() {
        PluginState now = state;
        if (now != PluginState.ACTIVE) {
            return HealthStatus.unknown("plugin '" + name + "' is " + now + ", not ACTIVE");
        }
        Duration timeout = harness.healthTimeout();
        Future<HealthStatus> answer = harness.threads().submit(plugin::health);
        try {
            HealthStatus health = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return health != null ? health
                    : HealthStatus.unknown("health() of plugin '" + name + "' returned null; return a HealthStatus");
        } catch (TimeoutException e) {
            answer.cancel(true);
            return HealthStatus.unknown("health() of plugin '" + name + "' did not answer within " + timeout.toMillis()
                    + " ms; it must not block (report the last known state instead)");
        } catch (ExecutionException e) {
            return HealthStatus.unknown("health() of plugin '" + name + "' threw " + TimedCalls.describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthStatus.unknown("health check of plugin '" + name + "' was interrupted");
        }
    }

    /** Marks the plugin as listed by the harness; the first state is RESOLVED, as in the container. */
    void resolved() {
        move(PluginState.RESOLVED, null);
    }

    /** A plugin that cannot even be named: listed FAILED under a stand-in name. */
    void rejected(String reason) {
        move(PluginState.FAILED, reason);
    }

    private void checkTypeContract() throws CallFailure {
        Duration timeout = harness.lifecycleTimeout();
        if (plugin instanceof ProviderPlugin<?> provider) {
            Class<?> type = harness.calls().call(name, "providerType()", timeout, null, provider::providerType);
            if (type == null) {
                throw new CallFailure("providerType() of plugin '" + name + "' returned null: return the class of "
                        + "the service type the plugin provides", null);
            }
            Object instance = harness.calls().call(name, "provider()", timeout, null, provider::provider);
            if (!type.isInstance(instance)) {
                throw new CallFailure("provider() of plugin '" + name + "' returned "
                        + (instance == null ? "null" : "a " + instance.getClass().getName()) + ", not a " + type.getName()
                        + " as providerType() says", null);
            }
            provided = instance;
        }
        if (plugin instanceof MiddlewarePlugin mp) {
            Middleware middleware = harness.calls().call(name, "middleware()", timeout, null, mp::middleware);
            harness.calls().call(name, "chain()", timeout, null, mp::chain);
            if (middleware == null) {
                throw new CallFailure("middleware() of plugin '" + name + "' returned null: return the "
                        + "Middleware this plugin contributes", null);
            }
        }
        if (plugin instanceof ExtensionPlugin<?> ep) {
            String point = harness.calls().call(name, "extensionPoint()", timeout, null, ep::extensionPoint);
            Class<?> type = harness.calls().call(name, "extensionType()", timeout, null, ep::extensionType);
            Object extension = harness.calls().call(name, "extension()", timeout, null, ep::extension);
            if (point == null || type == null || extension == null) {
                throw new CallFailure("Extension plugin '" + name + "' must return a point name, a type and an "
                        + "extension (got point=" + point + ", type=" + type + ", extension=" + extension + ")", null);
            }
            if (!type.isInstance(extension)) {
                throw new CallFailure("Extension plugin '" + name + "' contributes a " + extension.getClass().getName()
                        + " which is not a " + type.getName() + " as extensionType() says", null);
            }
        }
    }

    private void requireNotActive(String what) {
        if (state == PluginState.ACTIVE || state == PluginState.STARTING || state == PluginState.STOPPING) {
            throw new IllegalStateException("Cannot " + what + " plugin '" + name + "' while it is " + state
                    + ": stop() it first, or use reconfigure(config) as the container does on a configuration change");
        }
    }

    private void move(PluginState next, String reason) {
        PluginState previous = state;
        state = next;
        stateSince = Instant.now();
        if (next == PluginState.FAILED) {
            lastError = reason;
        }
        PluginStateEvent event = new PluginStateEvent(name, version, previous, next, stateSince, reason);
        transitions.add(event);
        harness.registry().fire(event);
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(PluginConstants.EVENT_PLUGIN_NAME, name);
        props.put(PluginConstants.EVENT_PLUGIN_VERSION, version);
        props.put(PluginConstants.EVENT_TO, next.name());
        if (previous != null) {
            props.put(PluginConstants.EVENT_FROM, previous.name());
        }
        if (reason != null) {
            props.put(PluginConstants.EVENT_REASON, reason);
        }
        props.put("timestamp", stateSince.toEpochMilli());
        harness.events().deliver(new PluginEvent(PluginConstants.TOPIC_STATE + "/" + next.name(), name, stateSince,
                Map.copyOf(props)));
    }

    private static Map<String, Object> copy(Map<String, ?> configuration) {
        Map<String, Object> copy = new HashMap<>();
        if (configuration != null) {
            configuration.forEach((k, v) -> {
                if (k != null && v != null) {
                    copy.put(k, v);
                }
            });
        }
        return Map.copyOf(copy);
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add(name + " " + version + " " + state);
        lastError().ifPresent(e -> parts.add("last error: " + e));
        return String.join(", ", parts);
    }

    /** @return the configuration keys the plugin received, for messages */
    String describeConfiguration() {
        return Objects.toString(config);
    }
}
