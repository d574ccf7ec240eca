package org.gcommon.plugin.manager.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.gcommon.plugin.api.PluginNames;
import org.gcommon.plugin.api.PluginState;
import org.gcommon.plugin.api.PluginStateEvent;
import org.osgi.framework.Version;

/**
 * Moves one plugin through its states. Every method runs on the plugin's own {@link SerialLane};
 * every call into plugin code goes through {@link TimedCalls}, so a plugin that throws or hangs ends
 * FAILED and nothing else waits for it longer than the timeout.
 */
final class LifecycleDriver {

    private final PluginTable table;
    private final TimedCalls calls;
    private final PluginEnvironment environment;
    private final StateEvents events;
    private final Supplier<Settings> settings;
    private final Clock clock;
    private final List<TypeRuntime> types;
    private final AtomicLong activations = new AtomicLong();

    LifecycleDriver(PluginTable table, TimedCalls calls, PluginEnvironment environment, StateEvents events,
            Supplier<Settings> settings, Clock clock, List<TypeRuntime> types) {
        this.types = List.copyOf(types);
        this.table = Objects.requireNonNull(table, "table");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.events = Objects.requireNonNull(events, "events");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A newly registered plugin service: name it, then initialize and start it. */
    void admit(ManagedPlugin plugin) {
        if (!identify(plugin)) {
            return;
        }
        move(plugin, PluginState.RESOLVED, null);
        start(plugin);
    }

    /** The configuration changed: a running or failed plugin is restarted with the new one. */
    void reconfigure(ManagedPlugin plugin) {
        if (!table.isRegistered(plugin) || plugin.name() == null || table.byName(plugin.name()) != plugin) {
            return;
        }
        stop(plugin);
        start(plugin);
    }

    /** The plugin service is going away: stop it if it runs. */
    void retire(ManagedPlugin plugin) {
        stop(plugin);
    }

    private boolean identify(ManagedPlugin plugin) {
        String standIn = "service-" + plugin.origin.serviceId();
        Duration timeout = settings.get().lifecycleTimeout();
        String name;
        String version;
        try {
            name = calls.call(standIn, "name()", timeout, null, asPlugin(plugin, plugin.plugin()::name));
            version = calls.call(standIn, "version()", timeout, null, asPlugin(plugin, plugin.plugin()::version));
        } catch (CallFailure e) {
            reject(plugin, standIn, "unknown", e.getMessage());
            return false;
        }
        if (!PluginNames.isValid(name)) {
            reject(plugin, "invalid-" + standIn, version == null ? "" : version, "Plugin service " + plugin.origin.serviceId()
                    + " of bundle " + plugin.origin.symbolicName() + " " + plugin.origin.bundleVersion()
                    + " has an invalid name '" + name + "': name() must return 1 to 128 characters of lower case letters, "
                    + "digits, '.', '-' and '_', starting with a letter or digit (e.g. 'memory-cache')");
            return false;
        }
        try {
            Version.parseVersion(version);
        } catch (IllegalArgumentException | NullPointerException e) {
            reject(plugin, name + "-invalid-version-" + plugin.origin.serviceId(), String.valueOf(version), "Plugin '"
                    + name + "' has an invalid version '" + version + "': version() must return an OSGi version "
                    + "such as 1.2.0 (major.minor.micro[.qualifier])");
            return false;
        }
        ManagedPlugin holder = table.claim(name, plugin);
        if (holder != plugin) {
            reject(plugin, name + "-duplicate-" + plugin.origin.serviceId(), version, "Another plugin already uses the name '"
                    + name + "' (bundle " + holder.origin.symbolicName() + " " + holder.origin.bundleVersion() + ", service "
                    + holder.origin.serviceId() + "); plugin names must be unique in a container: rename this one "
                    + "(bundle " + plugin.origin.symbolicName() + " " + plugin.origin.bundleVersion()
                    + ") or remove the other");
            return false;
        }
        plugin.identify(name, version);
        return true;
    }

    private void reject(ManagedPlugin plugin, String listedName, String version, String reason) {
        plugin.identify(listedName, version);
        table.listUnder(listedName, plugin);
        move(plugin, PluginState.FAILED, reason);
    }

    private void start(ManagedPlugin plugin) {
        Settings s = settings.get();
        String name = plugin.name();
        try {
            Map<String, Object> config = environment.configuration(name);
            calls.call(name, "initialize()", s.lifecycleTimeout(plugin.name()), null, asPlugin(plugin, () -> {
                plugin.plugin().initialize(config);
                return null;
            }));
            move(plugin, PluginState.INITIALIZED, null);
            move(plugin, PluginState.STARTING, null);
            CallContext context = context(plugin, s.lifecycleTimeout(plugin.name()));
            calls.call(name, "start()", s.lifecycleTimeout(plugin.name()), context, asPlugin(plugin, () -> {
                plugin.plugin().start(context);
                return null;
            }));
        } catch (CallFailure e) {
            plugin.closeEvents();
            plugin.closeExecutor();
            move(plugin, PluginState.FAILED, e.getMessage());
            return;
        }
        try {
            TypeRuntime.PluginCalls pluginCalls = pluginCalls(plugin, s.lifecycleTimeout(plugin.name()));
            for (TypeRuntime type : types) {
                type.prepare(plugin, pluginCalls);
            }
        } catch (CallFailure e) {
            // Started but unusable: undo the start, then report why.
            types.forEach(t -> t.deactivating(plugin));
            CallContext context = context(plugin, s.lifecycleTimeout(plugin.name()));
            try {
                calls.call(name, "stop()", s.lifecycleTimeout(plugin.name()), context, asPlugin(plugin, () -> {
                    plugin.plugin().stop(context);
                    return null;
                }));
            } catch (CallFailure ignored) {
                // the first failure is the one worth reporting
            }
            plugin.closeEvents();
            plugin.closeExecutor();
            move(plugin, PluginState.FAILED, e.getMessage());
            return;
        }
        // Contributions go live first, so whoever sees ACTIVE can use them at once.
        types.forEach(t -> t.activated(plugin));
        move(plugin, PluginState.ACTIVE, null);
    }

    private TypeRuntime.PluginCalls pluginCalls(ManagedPlugin plugin, Duration timeout) {
        return new TypeRuntime.PluginCalls() {
            @Override
            public <T> T call(String method, TimedCalls.PluginCall<T> call) throws CallFailure {
                return calls.call(plugin.name(), method, timeout, null, asPlugin(plugin, call));
            }
        };
    }

    private void stop(ManagedPlugin plugin) {
        PluginState state = plugin.state();
        if (state != PluginState.ACTIVE && state != PluginState.INITIALIZED) {
            return;
        }
        Settings s = settings.get();
        // Withdraw the plugin from chains, extension points and provider choices before it stops.
        types.forEach(t -> t.deactivating(plugin));
        move(plugin, PluginState.STOPPING, null);
        CallContext context = context(plugin, s.lifecycleTimeout(plugin.name()));
        try {
            calls.call(plugin.name(), "stop()", s.lifecycleTimeout(plugin.name()), context, asPlugin(plugin, () -> {
                plugin.plugin().stop(context);
                return null;
            }));
            move(plugin, PluginState.STOPPED, null);
        } catch (CallFailure e) {
            // The plugin is considered stopped either way; the error stays visible as its last error.
            move(plugin, PluginState.FAILED, e.getMessage());
        } finally {
            plugin.closeEvents();
            plugin.closeExecutor();
        }
    }

    /** Marks a plugin taken out of service for a resource limit; its bundle is being stopped. */
    void quarantine(ManagedPlugin plugin, String reason) {
        if (plugin.state() != null && plugin.state() != PluginState.QUARANTINED) {
            move(plugin, PluginState.QUARANTINED, reason);
        }
    }

    /**
     * Runs a plugin call with the plugin's class loader as context class loader: what libraries expect,
     * and what attributes threads the plugin starts during the call to the plugin.
     */
    static <T> TimedCalls.PluginCall<T> asPlugin(ManagedPlugin plugin, TimedCalls.PluginCall<T> call) {
        ClassLoader loader = plugin.contextLoader();
        if (loader == null) {
            return call;
        }
        return () -> {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                return call.call();
            } finally {
                thread.setContextClassLoader(previous);
            }
        };
    }

    private CallContext context(ManagedPlugin plugin, Duration timeout) {
        return new CallContext(plugin.name(), timeout, clock, environment.dataDirectory(plugin),
                environment.logger(plugin), () -> environment.events(plugin), environment.registry(), plugin::executor);
    }

    private void move(ManagedPlugin plugin, PluginState next, String reason) {
        PluginState previous = plugin.moveTo(next, reason, activations.incrementAndGet());
        table.changed();
        events.fire(new PluginStateEvent(plugin.name(), plugin.version(), previous, next, Instant.now(clock), reason));
    }
}
