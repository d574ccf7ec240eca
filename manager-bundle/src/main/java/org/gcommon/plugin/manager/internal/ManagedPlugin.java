package org.gcommon.plugin.manager.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.PluginInfo;
import org.gcommon.plugin.api.PluginState;
import org.gcommon.plugin.api.PluginType;
import org.gcommon.plugin.api.ProviderPlugin;
import org.gcommon.plugin.api.extension.ExtensionPlugin;
import org.gcommon.plugin.api.integration.IntegrationPlugin;
import org.gcommon.plugin.api.middleware.MiddlewarePlugin;

/**
 * The runtime's record of one registered {@link Plugin} service. Written only from the plugin's
 * {@link SerialLane} (state) and read from anywhere (volatile fields, snapshots).
 */
final class ManagedPlugin {

    /** Where the plugin came from: enough to list it and to find its data area. */
    record Origin(long serviceId, long bundleId, String symbolicName, String bundleVersion, String location,
            int ranking) {
    }

    final Origin origin;
    final SerialLane lane;
    private volatile Plugin plugin;

    private volatile String name;
    private volatile String version = "";
    private volatile PluginType type = PluginType.GENERIC;
    private volatile Class<?> providerType;
    private volatile Object providerInstance;
    private volatile PluginState state;
    private volatile Instant since = Instant.now();
    private volatile String lastError;
    private volatile long activeSince;
    private volatile PluginEventBus.Handle events;
    private volatile boolean withdrawn;
    private volatile ClassLoader contextLoader;
    private volatile java.util.concurrent.ThreadPoolExecutor executor;
    private final java.util.concurrent.atomic.AtomicInteger callsInFlight = new java.util.concurrent.atomic.AtomicInteger();

    ManagedPlugin(Origin origin, SerialLane lane, Plugin plugin) {
        this(origin, lane);
        attach(plugin);
    }

    /** A registration whose service object is fetched later, on the plugin's lane. */
    ManagedPlugin(Origin origin, SerialLane lane) {
        this.origin = origin;
        this.lane = lane;
    }

    void attach(Plugin plugin) {
        this.plugin = plugin;
        this.type = typeOf(plugin);
    }

    /** @return the class loader of the plugin's bundle: the context class loader of its calls and threads */
    ClassLoader contextLoader() {
        return contextLoader;
    }

    void contextLoader(ClassLoader loader) {
        this.contextLoader = loader;
    }

    /** @return the plugin's executor, created on first use */
    synchronized java.util.concurrent.ExecutorService executor() {
        if (executor == null) {
            executor = PluginExecutors.create(name, contextLoader);
        }
        return executor;
    }

    /** Stops the plugin's executor; queued work is dropped, running work interrupted. */
    synchronized void closeExecutor() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    /** @return the plugin object, {@code null} until it was fetched */
    Plugin plugin() {
        return plugin;
    }

    static PluginType typeOf(Plugin plugin) {
        if (plugin instanceof ProviderPlugin) {
            return PluginType.PROVIDER;
        }
        if (plugin instanceof MiddlewarePlugin) {
            return PluginType.MIDDLEWARE;
        }
        if (plugin instanceof ExtensionPlugin) {
            return PluginType.EXTENSION;
        }
        if (plugin instanceof IntegrationPlugin) {
            return PluginType.INTEGRATION;
        }
        return PluginType.GENERIC;
    }

    String name() {
        return name;
    }

    void identify(String name, String version) {
        this.name = name;
        this.version = version;
    }

    String version() {
        return version;
    }

    PluginType type() {
        return type;
    }

    Class<?> providerType() {
        return providerType;
    }

    void providerType(Class<?> providerType) {
        this.providerType = providerType;
    }

    void provides(Class<?> type, Object instance) {
        this.providerInstance = instance;
        this.providerType = type;
    }

    /** @return the provider implementation fetched before the plugin became ACTIVE */
    Object providerInstance() {
        return providerInstance;
    }

    PluginState state() {
        return state;
    }

    Instant since() {
        return since;
    }

    String lastError() {
        return lastError;
    }

    /** @return this plugin's event bus handle, created on first use */
    synchronized PluginEventBus.Handle events(PluginEventBus bus) {
        if (events == null) {
            events = bus.open(name, origin.bundleId());
        }
        return events;
    }

    /** Ends the plugin's subscriptions; a later start gets a fresh handle. */
    synchronized void closeEvents() {
        if (events != null) {
            events.close();
            events = null;
        }
    }

    /**
     * Counts a call into the provider, unless the provider is being withdrawn.
     *
     * @return whether the call may go ahead; if so, {@link #leave()} must follow
     */
    boolean enter() {
        callsInFlight.incrementAndGet();
        if (withdrawn) {
            leave();
            return false;
        }
        return true;
    }

    void leave() {
        if (callsInFlight.decrementAndGet() == 0 && withdrawn) {
            synchronized (callsInFlight) {
                callsInFlight.notifyAll();
            }
        }
    }

    boolean withdrawn() {
        return withdrawn;
    }

    /** Takes the plugin out of every choice, then waits (bounded) for calls already made to return. */
    void withdrawAndDrain(java.time.Duration limit) {
        withdrawn = true;
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (callsInFlight) {
            while (callsInFlight.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(callsInFlight, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    void reinstate() {
        withdrawn = false;
    }

    long activeSince() {
        return activeSince;
    }

    /**
     * @return the previous state
     */
    PluginState moveTo(PluginState next, String error, long sequence) {
        PluginState previous = state;
        state = next;
        since = Instant.now();
        if (next == PluginState.FAILED || next == PluginState.QUARANTINED) {
            lastError = error;
        } else if (next == PluginState.ACTIVE) {
            activeSince = sequence;
        }
        return previous;
    }

    PluginInfo snapshot(String listedName) {
        String err = lastError;
        return new PluginInfoRecord(listedName, version, type, state == null ? PluginState.RESOLVED : state, since,
                origin.bundleId(), origin.symbolicName(), origin.location(), Optional.ofNullable(err),
                (state == PluginState.FAILED || state == PluginState.QUARANTINED) && err != null ? List.of(err) : List.of(),
                Optional.ofNullable(providerType).map(Class::getName), origin.ranking());
    }
}
