package org.gcommon.plugin.manager.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.gcommon.plugin.api.HealthReport;
import org.gcommon.plugin.api.HealthService;
import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.PluginConstants;
import org.gcommon.plugin.api.PluginInfo;
import org.gcommon.plugin.api.PluginRegistry;
import org.gcommon.plugin.api.PluginState;
import org.gcommon.plugin.api.PluginStateListener;
import org.gcommon.plugin.api.PluginType;
import org.gcommon.plugin.api.RuntimeCheck;
import org.gcommon.plugin.api.extension.ExtensionPoint;
import org.gcommon.plugin.api.security.Quarantine;
import org.gcommon.plugin.api.extension.Extensions;
import org.gcommon.plugin.api.middleware.Exchange;
import org.gcommon.plugin.api.middleware.Handler;
import org.gcommon.plugin.api.middleware.MiddlewareChains;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.VersionRange;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The plugin runtime: finds {@link Plugin} services (whiteboard), drives their lifecycle on its own
 * threads with timeouts, and answers registry and health questions.
 */
@Component(service = { PluginRegistry.class, HealthService.class, MiddlewareChains.class, Extensions.class,
        Quarantine.class, ConfigurationListener.class }, immediate = true, configurationPid = RuntimeConfig.PID)
@Designate(ocd = RuntimeConfig.class)
public final class PluginRuntime implements PluginRegistry, HealthService, MiddlewareChains, Extensions, Quarantine,
        ConfigurationListener {

    /** How often active providers are asked for their health, so failover does not wait for somebody to ask. */
    private static final long PROVIDER_HEALTH_POLL_MS = 5_000;

    private final ThreadPoolExecutor lanes = DaemonThreads.elasticPool("gcommon-lifecycle-");
    /** Delivers the plugins' events; apart from the lifecycle lanes, so that a flood never delays a start or stop. */
    private final ThreadPoolExecutor eventDeliveries = DaemonThreads.elasticPool("gcommon-events-");
    private final ThreadPoolExecutor workers = DaemonThreads.elasticPool("gcommon-plugin-call-");
    private final PluginTable table = new PluginTable();
    private final List<Waiting> waiting = new ArrayList<>();
    private final StateEvents events;
    private final HealthChecker health;
    private final MiddlewareRuntime middleware = new MiddlewareRuntime();
    private final ExtensionRuntime extensions = new ExtensionRuntime();
    private final Map<Class<?>, Choice> choices = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ScheduledExecutorService healthPoll = java.util.concurrent.Executors
            .newSingleThreadScheduledExecutor(DaemonThreads.factory("gcommon-provider-health-"));
    private volatile EventAdmin eventAdmin;
    /** Bundles taken out of service for a resource limit, with the reason; cleared when started again. */
    private final Map<Long, String> quarantined = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<RuntimeCheck> runtimeChecks = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The provider chosen for a type, valid while the plugin table's generation is unchanged. */
    private record Choice(long generation, ManagedPlugin plugin) {
    }

    private volatile Settings settings = Settings.DEFAULTS;
    private volatile boolean active;
    private volatile boolean closing;
    private volatile DeployReport deployReport;
    private LifecycleDriver driver;
    private BundleContext context;
    private SynchronousBundleListener uninstallListener;

    @Reference(service = LoggerFactory.class)
    private Logger log;

    @Reference
    private ConfigurationAdmin configAdmin;

    @Reference(service = LoggerFactory.class)
    private LoggerFactory loggers;

    public PluginRuntime() {
        events = new StateEvents(lanes, message -> {
            Logger l = log;
            if (l != null) {
                l.error(message);
            }
        });
        health = new HealthChecker(workers, () -> settings, Clock.systemUTC());
        health.onUnhealthyChange(table::changed);
    }

    @Activate
    void activate(BundleContext bundleContext, RuntimeConfig config, Map<String, Object> properties) {
        this.context = bundleContext;
        this.settings = Settings.of(config, properties);
        OsgiPluginEnvironment environment = new OsgiPluginEnvironment(bundleContext, configAdmin, loggers,
                new PluginEventBus(bundleContext, () -> eventAdmin, eventDeliveries), this);
        this.driver = new LifecycleDriver(table, new TimedCalls(workers), environment, events, () -> settings,
                Clock.systemUTC(), List.of(new ProviderRuntime(table, () -> settings), middleware, extensions));
        healthPoll.scheduleWithFixedDelay(this::pollProviderHealth, PROVIDER_HEALTH_POLL_MS, PROVIDER_HEALTH_POLL_MS,
                TimeUnit.MILLISECONDS);
        events.add(this::logTransition);
        uninstallListener = event -> {
            if (event.getType() == BundleEvent.UNINSTALLED) {
                table.forgetBundle(event.getBundle().getBundleId());
                quarantined.remove(event.getBundle().getBundleId());
            } else if (event.getType() == BundleEvent.STARTING) {
                quarantined.remove(event.getBundle().getBundleId()); // an operator started it again
            }
        };
        bundleContext.addBundleListener(uninstallListener);
        List<Waiting> admitted;
        synchronized (waiting) {
            active = true;
            admitted = new ArrayList<>(waiting);
            waiting.clear();
        }
        admitted.forEach(w -> admit(w.plugin(), w.reference()));
        log.info("Plugin runtime started (lifecycle timeout {} ms, health timeout {} ms)",
                settings.lifecycleTimeout().toMillis(), settings.healthTimeout().toMillis());
    }

    @Modified
    void modified(RuntimeConfig config, Map<String, Object> properties) {
        this.settings = Settings.of(config, properties);
        log.info("Plugin runtime reconfigured (lifecycle timeout {} ms, health timeout {} ms, health cache {} ms)",
                settings.lifecycleTimeout().toMillis(), settings.healthTimeout().toMillis(),
                settings.healthCacheTtl().toMillis());
    }

    @Deactivate
    void deactivate() {
        closing = true;
        context.removeBundleListener(uninstallListener);
        // Stop what still runs, newest first, each under its own timeout.
        List<ManagedPlugin> running = new ArrayList<>(table.registered());
        running.sort(Comparator.comparingLong(ManagedPlugin::activeSince).reversed());
        for (ManagedPlugin p : running) {
            awaitLane(p, p.lane.submit(() -> driver.retire(p)));
        }
        healthPoll.shutdownNow();
        lanes.shutdown();
        eventDeliveries.shutdown();
        workers.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addPlugin(ServiceReference<Plugin> reference) {
        Bundle owner = reference.getBundle();
        if (owner == null) {
            return; // unregistered already
        }
        Object rankingProp = reference.getProperty(Constants.SERVICE_RANKING);
        int ranking = rankingProp instanceof Integer i ? i : 0;
        ManagedPlugin managed = new ManagedPlugin(new ManagedPlugin.Origin((Long) reference.getProperty(Constants.SERVICE_ID),
                owner.getBundleId(), String.valueOf(owner.getSymbolicName()), owner.getVersion().toString(),
                owner.getLocation(), ranking), new SerialLane(lanes));
        table.register(managed);
        synchronized (waiting) {
            if (!active) {
                waiting.add(new Waiting(managed, reference));
                return;
            }
        }
        admit(managed, reference);
    }

    /**
     * Fetches the plugin object and admits it, on the plugin's lane: never on the binding thread, where
     * getting a plugin whose component references this runtime's own services would be a cycle.
     */
    private void admit(ManagedPlugin managed, ServiceReference<Plugin> reference) {
        managed.lane.execute(() -> {
            if (!table.isRegistered(managed)) {
                return;
            }
            Plugin plugin;
            try {
                plugin = context.getService(reference);
            } catch (RuntimeException e) {
                log.error("Could not get plugin service {} of bundle {}: {}", managed.origin.serviceId(),
                        managed.origin.symbolicName(), TimedCalls.describe(e));
                return;
            }
            if (plugin == null) {
                log.error("Plugin service {} of bundle {} could not be created (see the log above for the component's error)",
                        managed.origin.serviceId(), managed.origin.symbolicName());
                return;
            }
            managed.attach(plugin);
            managed.contextLoader(classLoaderOf(reference.getBundle()));
            driver.admit(managed);
        });
    }

    private record Waiting(ManagedPlugin plugin, ServiceReference<Plugin> reference) {
    }

    private static ClassLoader classLoaderOf(Bundle bundle) {
        return bundle == null ? null : Privileged.call(() -> {
            org.osgi.framework.wiring.BundleWiring wiring = bundle.adapt(org.osgi.framework.wiring.BundleWiring.class);
            return wiring == null ? null : wiring.getClassLoader();
        });
    }

    // --- Quarantine ----------------------------------------------------------------------------

    @Override
    public void quarantine(long bundleId, String reason) {
        if (quarantined.putIfAbsent(bundleId, reason) != null) {
            return;
        }
        log.error("Quarantining bundle {}: {}", bundleId, reason);
        lanes.execute(() -> {
            Bundle bundle = context.getBundle(bundleId);
            if (bundle != null) {
                try {
                    // Stopping unregisters its plugin services: each is stopped under its own timeout first.
                    Privileged.call(() -> {
                        try {
                            bundle.stop();
                        } catch (org.osgi.framework.BundleException e) {
                            log.error("Could not stop quarantined bundle {}: {}", bundleId, TimedCalls.describe(e));
                        }
                        return null;
                    });
                } catch (RuntimeException e) {
                    log.error("Could not stop quarantined bundle {}: {}", bundleId, TimedCalls.describe(e));
                }
            }
            for (Map.Entry<String, ManagedPlugin> e : table.listing()) {
                ManagedPlugin p = e.getValue();
                if (p.origin.bundleId() == bundleId) {
                    p.lane.execute(() -> driver.quarantine(p, reason));
                }
            }
        });
    }

    void removePlugin(ServiceReference<Plugin> reference) {
        long serviceId = (Long) reference.getProperty(Constants.SERVICE_ID);
        ManagedPlugin managed = table.get(serviceId);
        if (managed == null) {
            return;
        }
        synchronized (waiting) {
            waiting.removeIf(w -> w.plugin() == managed);
        }
        if (active && !closing) {
            // Stop before the service object goes away: the framework thread waits, bounded by the timeouts,
            // while the plugin's own code runs on a runtime thread.
            awaitLane(managed, managed.lane.submit(() -> driver.retire(managed)));
        }
        table.unregister(serviceId);
        if (managed.plugin() == null) {
            return; // never fetched: nothing to release
        }
        health.forget(managed.plugin());
        BundleContext ctx = frameworkContext(reference);
        if (ctx != null) {
            try {
                ctx.ungetService(reference);
            } catch (IllegalStateException e) {
                // the runtime's own context is already invalid: the framework releases the service itself
            }
        }
    }

    private BundleContext frameworkContext(ServiceReference<?> reference) {
        return context != null ? context : reference.getBundle().getBundleContext();
    }

    private void awaitLane(ManagedPlugin plugin, CompletableFuture<Void> step) {
        // initialize + start may still be running ahead of the stop: allow for both, plus slack.
        long limit = settings.lifecycleTimeout(plugin.name()).toMillis() * 3 + 1_000;
        try {
            step.get(limit, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.error("Stopping plugin '{}' did not finish within {} ms; going on without it", plugin.name(), limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            log.error("Stopping plugin '{}' failed: {}", plugin.name(), TimedCalls.describe(e.getCause()));
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addListener(PluginStateListener listener) {
        events.add(listener);
    }

    void removeListener(PluginStateListener listener) {
        events.remove(listener);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setEventAdmin(EventAdmin eventAdmin) {
        this.eventAdmin = eventAdmin;
        events.publisher((topic, properties) -> eventAdmin.postEvent(new Event(topic, properties)));
    }

    void unsetEventAdmin(EventAdmin eventAdmin) {
        if (this.eventAdmin == eventAdmin) {
            this.eventAdmin = null;
            events.publisher(null);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addRuntimeCheck(RuntimeCheck check) {
        runtimeChecks.add(check);
    }

    void removeRuntimeCheck(RuntimeCheck check) {
        runtimeChecks.remove(check);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addExtensionPoint(ExtensionPoint<?> point) {
        extensions.addPoint(point);
    }

    void removeExtensionPoint(ExtensionPoint<?> point) {
        extensions.removePoint(point);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setDeployReport(DeployReport report) {
        this.deployReport = report;
    }

    void unsetDeployReport(DeployReport report) {
        if (this.deployReport == report) {
            this.deployReport = null;
        }
    }

    // --- configuration changes ---------------------------------------------------------------

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        String pid = event.getPid();
        if (pid == null || !pid.startsWith(PluginConstants.CONFIG_PID_PREFIX) || !active) {
            return;
        }
        ManagedPlugin plugin = table.byName(pid.substring(PluginConstants.CONFIG_PID_PREFIX.length()));
        if (plugin != null) {
            plugin.lane.execute(() -> driver.reconfigure(plugin));
        }
    }

    // --- PluginRegistry ----------------------------------------------------------------------

    @Override
    public List<PluginInfo> plugins() {
        DeployReport report = deployReport;
        return Privileged.call(() -> PluginListing.build(table, context.getBundles(),
                report == null ? List.of() : report.problems(), quarantined));
    }

    @Override
    public Optional<PluginInfo> plugin(String name) {
        if (name == null) {
            return Optional.empty();
        }
        ManagedPlugin p = table.listed(name);
        if (p != null && p.state() != null) {
            return Optional.of(p.snapshot(name));
        }
        return plugins().stream().filter(i -> i.name().equals(name)).findFirst();
    }

    @Override
    public List<PluginInfo> plugins(PluginType type) {
        return plugins().stream().filter(i -> i.type() == type).toList();
    }

    @Override
    public <T> Optional<T> provider(Class<T> type) {
        return provider(type, (VersionRange) null);
    }

    @Override
    public <T> Optional<T> provider(Class<T> type, String versionRange) {
        return provider(type, ProviderSelector.parseRange(versionRange));
    }

    private <T> Optional<T> provider(Class<T> type, VersionRange range) {
        if (range == null) {
            ManagedPlugin chosen = choose(type);
            return chosen == null ? Optional.empty() : Optional.of(type.cast(chosen.providerInstance()));
        }
        return ProviderSelector.best(table.registered(), type, range, p -> health.lastKnownUnhealthy(p.plugin()))
                .map(p -> type.cast(p.providerInstance()));
    }

    /** The best provider of a type, recomputed only after some plugin changed state or health class. */
    private ManagedPlugin choose(Class<?> type) {
        long generation = table.generation();
        Choice cached = choices.get(type);
        if (cached != null && cached.generation() == generation) {
            return cached.plugin();
        }
        ManagedPlugin best = ProviderSelector.best(table.registered(), type, null,
                p -> health.lastKnownUnhealthy(p.plugin())).orElse(null);
        choices.put(type, new Choice(generation, best));
        return best;
    }

    @Override
    public <T> T providerProxy(Class<T> type) {
        if (!type.isInterface()) {
            throw new IllegalArgumentException("Cannot make a provider stand-in for " + type.getName()
                    + ": it is not an interface; ask provider(" + type.getSimpleName() + ".class) on each use instead");
        }
        return type.cast(java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
                new ProviderStandIn(type, this::choose)));
    }

    private void pollProviderHealth() {
        List<HealthChecker.Target> providers = new ArrayList<>();
        for (ManagedPlugin p : table.registered()) {
            if (p.state() == PluginState.ACTIVE && p.providerInstance() != null) {
                providers.add(new HealthChecker.Target(p.name(), p.plugin()));
            }
        }
        if (!providers.isEmpty()) {
            health.check(providers);
        }
    }

    // --- MiddlewareChains and Extensions -------------------------------------------------------

    @Override
    public void execute(String chain, Exchange exchange, Handler handler) {
        middleware.execute(chain, exchange, handler);
    }

    @Override
    public List<String> middleware(String chain) {
        return middleware.middleware(chain);
    }

    @Override
    public List<PointInfo> points() {
        return extensions.points();
    }

    @Override
    public <T> List<T> extensions(String point, Class<T> type) {
        return extensions.extensions(point, type);
    }

    @Override
    public AutoCloseable addStateListener(PluginStateListener listener) {
        return events.add(listener);
    }

    // --- HealthService -----------------------------------------------------------------------

    @Override
    public HealthStatus health(String pluginName) {
        ManagedPlugin p = pluginName == null ? null : table.byName(pluginName);
        if (p == null || !table.isRegistered(p)) {
            return plugin(pluginName).map(PluginRuntime::notActive)
                    .orElseGet(() -> HealthStatus.unknown("No plugin named '" + pluginName + "'"));
        }
        if (p.state() != PluginState.ACTIVE) {
            return notActive(p.snapshot(pluginName));
        }
        return health.check(List.of(new HealthChecker.Target(pluginName, p.plugin()))).get(pluginName);
    }

    @Override
    public HealthReport report() {
        return Privileged.call(this::makeReport);
    }

    private HealthReport makeReport() {
        List<PluginInfo> all = plugins();
        List<HealthChecker.Target> targets = new ArrayList<>();
        for (PluginInfo info : all) {
            ManagedPlugin p = info.state() == PluginState.ACTIVE ? table.byName(info.name()) : null;
            if (p != null && table.isRegistered(p)) {
                targets.add(new HealthChecker.Target(info.name(), p.plugin()));
            }
        }
        Map<String, HealthStatus> checked = health.check(targets);
        Map<String, HealthStatus> byName = new java.util.TreeMap<>();
        HealthStatus.Status aggregate = HealthStatus.Status.HEALTHY;
        List<String> problems = new ArrayList<>();
        for (RuntimeCheck check : runtimeChecks) {
            HealthStatus result = runtimeCheck(check);
            if (result.status() != HealthStatus.Status.HEALTHY) {
                problems.add(check.name() + ": " + result.status() + " — " + result.message());
                aggregate = worse(aggregate, result.status());
            }
        }
        for (PluginInfo info : all) {
            HealthStatus status = checked.get(info.name());
            if (status == null) {
                status = info.type() == PluginType.BUNDLE && info.state() == PluginState.ACTIVE
                        ? HealthStatus.healthy("bundle active (not a gcommon plugin: no health of its own)")
                        : notActive(info);
            } else {
                aggregate = worse(aggregate, status.status());
            }
            byName.put(info.name(), status);
        }
        return new Report(aggregate, List.copyOf(problems), java.util.Collections.unmodifiableMap(byName), Instant.now());
    }

    private static HealthStatus runtimeCheck(RuntimeCheck check) {
        try {
            HealthStatus status = check.check();
            return status != null ? status : HealthStatus.unknown("check returned null");
        } catch (RuntimeException e) {
            // A broken runtime check means the runtime cannot vouch for itself.
            return HealthStatus.unhealthy("check failed: " + TimedCalls.describe(e));
        }
    }

    private static HealthStatus.Status worse(HealthStatus.Status current, HealthStatus.Status seen) {
        switch (seen) {
        case UNHEALTHY:
            return HealthStatus.Status.UNHEALTHY;
        case DEGRADED:
        case UNKNOWN:
            return current == HealthStatus.Status.UNHEALTHY ? current : HealthStatus.Status.DEGRADED;
        default:
            return current;
        }
    }

    private static HealthStatus notActive(PluginInfo info) {
        return HealthStatus.unknown("not active (" + info.state() + ")"
                + info.lastError().map(e -> ": " + e).orElse(""));
    }

    private record Report(HealthStatus.Status status, List<String> runtimeProblems, Map<String, HealthStatus> plugins,
            Instant time) implements HealthReport {
    }

    private void logTransition(org.gcommon.plugin.api.PluginStateEvent event) {
        if (event.to() == PluginState.FAILED) {
            log.error("Plugin {} {} FAILED: {}", event.pluginName(), event.version(), event.reason().orElse(""));
        } else {
            log.info("Plugin {} {} {}", event.pluginName(), event.version(), event.to());
        }
    }
}
