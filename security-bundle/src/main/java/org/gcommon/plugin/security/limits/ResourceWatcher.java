package org.gcommon.plugin.security.limits;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.gcommon.plugin.api.PluginConstants;
import org.gcommon.plugin.api.security.PluginLimits;
import org.gcommon.plugin.api.security.Quarantine;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Resource limits of plugins: live threads (checked when a plugin creates one, and every second) and
 * CPU time (sampled every second with ThreadMXBean over the plugin's threads). A plugin over a limit is
 * quarantined: the runtime stops its bundle and lists it QUARANTINED with the reason. One thread for
 * all plugins, whatever their number.
 */
@Component(service = { PluginLimits.class, ResourceWatcher.class }, immediate = true,
        configurationPid = PluginLimits.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class ResourceWatcher implements PluginLimits {

    static final String FILE = "etc/" + PID + ".cfg";

    /** What was last measured for one plugin bundle. */
    private static final class Usage {
        volatile long threads;
        volatile double cpuPercent;
        volatile long cpuMillis;
        volatile long allocatedBytes;
        volatile int secondsOverCpu;
    }

    @Reference(service = LoggerFactory.class)
    private Logger log;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Quarantine quarantine;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Usage> usage = new ConcurrentHashMap<>();
    private final Map<Long, ThreadGroup> groups = new ConcurrentHashMap<>();
    /**
     * Threads the enforcement agent saw a plugin's own code start (Java 24+, where no SecurityManager puts
     * them in the plugin's thread group), by thread; dead threads drop out with their last reference.
     */
    private final Map<Thread, Long> adopted = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
    private final Map<Long, java.util.ArrayDeque<Long>> recentCreations = new ConcurrentHashMap<>();
    private final Map<Long, Long> lastCpuByThread = new HashMap<>();
    private volatile LimitSettings settings = LimitSettings.from(Map.of());
    private ScheduledExecutorService sampler;
    private BundleContext context;
    private long lastSampleNanos;

    @Activate
    void activate(BundleContext bundleContext, Map<String, Object> config) {
        this.context = bundleContext;
        modified(config);
        sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gcommon-resource-limits");
            t.setDaemon(true);
            return t;
        });
        lastSampleNanos = System.nanoTime();
        sampler.scheduleWithFixedDelay(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    @Modified
    void modified(Map<String, Object> config) {
        settings = LimitSettings.from(config);
        settings.problems().forEach(p -> log.error(p));
    }

    @Deactivate
    void deactivate() {
        sampler.shutdownNow();
    }

    /**
     * Called when plugin code is about to create a thread.
     *
     * @return why the thread is refused, or {@code null} to let it be created
     */
    public String admitThread(Bundle creator) {
        if ((creator.getState() & (Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING)) == 0) {
            // Stopped (quarantined, say) while some of its threads still run: they may not start more.
            return "Plugin " + creator.getSymbolicName() + " " + creator.getVersion()
                    + " is stopped: its remaining threads may not start new ones";
        }
        LimitSettings.Limits limits = settings.of(creator.getSymbolicName());
        long live = PluginThreads.count(creator, groups, adopted);
        long now = System.nanoTime();
        java.util.ArrayDeque<Long> created = recentCreations.computeIfAbsent(creator.getBundleId(),
                id -> new java.util.ArrayDeque<>());
        int lately;
        synchronized (created) {
            created.addLast(now);
            while (!created.isEmpty() && now - created.peekFirst() > TimeUnit.SECONDS.toNanos(CREATION_WINDOW_SECONDS)) {
                created.removeFirst();
            }
            lately = created.size();
        }
        // A thread bomb creates and drops threads faster than the live count shows: count creations too.
        if (live < limits.threadsMax() && lately <= limits.threadsMax() * 4) {
            return null;
        }
        String reason = "Plugin " + creator.getSymbolicName() + " " + creator.getVersion() + " tried to run more than "
                + limits.threadsMax() + " threads (threads.max). To allow more, add to " + FILE + ": "
                + creator.getSymbolicName() + "." + LimitSettings.THREADS_MAX + " = " + limits.threadsMax() * 2;
        quarantine(creator, reason);
        return reason;
    }

    /** Counts {@code thread}, which the plugin's own code starts, as the plugin's. */
    public void adopt(Thread thread, Bundle plugin) {
        adopted.put(thread, plugin.getBundleId());
    }

    /** Threads a plugin creates within this window count towards a thread bomb. */
    static final int CREATION_WINDOW_SECONDS = 10;

    /** @return the plugin's own thread group, where the threads its code creates are put */
    public ThreadGroup threadGroup(Bundle plugin) {
        return groups.computeIfAbsent(plugin.getBundleId(), id -> new ThreadGroup(systemGroup(),
                "plugin " + plugin.getSymbolicName() + " [" + id + "]"));
    }

    private static ThreadGroup systemGroup() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return root;
    }

    private void sample() {
        try {
            long now = System.nanoTime();
            long elapsed = Math.max(1, now - lastSampleNanos);
            lastSampleNanos = now;
            Map<Bundle, long[]> perBundle = new HashMap<>(); // threads, cpu nanos, allocated bytes
            Map<Long, Long> seen = new HashMap<>();
            for (PluginThreads.Owned owned : PluginThreads.all(groups, adopted)) {
                long id = owned.thread().getId();
                long cpu = threads.isThreadCpuTimeSupported() ? threads.getThreadCpuTime(id) : -1;
                long[] sums = perBundle.computeIfAbsent(owned.bundle(), b -> new long[3]);
                sums[0]++;
                if (cpu >= 0) {
                    Long before = lastCpuByThread.get(id);
                    sums[1] += before == null ? 0 : Math.max(0, cpu - before);
                    seen.put(id, cpu);
                }
                if (threads instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()) {
                    sums[2] += Math.max(0, sun.getThreadAllocatedBytes(id));
                }
            }
            lastCpuByThread.clear();
            lastCpuByThread.putAll(seen);
            usage.keySet().removeIf(id -> context.getBundle(id) == null);
            groups.keySet().removeIf(id -> context.getBundle(id) == null);
            recentCreations.keySet().removeIf(id -> context.getBundle(id) == null);
            perBundle.forEach((bundle, sums) -> judge(bundle, sums, elapsed));
            for (Map.Entry<Long, Usage> e : usage.entrySet()) {
                if (perBundle.keySet().stream().noneMatch(b -> b.getBundleId() == e.getKey())) {
                    e.getValue().threads = 0;
                    e.getValue().cpuPercent = 0;
                    e.getValue().secondsOverCpu = 0;
                }
            }
        } catch (RuntimeException e) {
            log.error("Sampling plugin resource usage failed: {}", e.toString());
        }
    }

    private void judge(Bundle bundle, long[] sums, long elapsedNanos) {
        Usage u = usage.computeIfAbsent(bundle.getBundleId(), id -> new Usage());
        LimitSettings.Limits limits = settings.of(bundle.getSymbolicName());
        u.threads = sums[0];
        u.cpuPercent = 100.0 * sums[1] / elapsedNanos;
        u.cpuMillis += sums[1] / 1_000_000;
        u.allocatedBytes = sums[2];
        u.secondsOverCpu = u.cpuPercent > limits.cpuPercentMax() ? u.secondsOverCpu + 1 : 0;
        if (u.threads > limits.threadsMax()) {
            quarantine(bundle, "Plugin " + bundle.getSymbolicName() + " " + bundle.getVersion() + " runs " + u.threads
                    + " threads, over its limit of " + limits.threadsMax() + " (threads.max). To allow more, add to "
                    + FILE + ": " + bundle.getSymbolicName() + "." + LimitSettings.THREADS_MAX + " = " + u.threads * 2);
        } else if (u.secondsOverCpu >= limits.cpuWindowSeconds()) {
            quarantine(bundle, "Plugin " + bundle.getSymbolicName() + " " + bundle.getVersion() + " used "
                    + Math.round(u.cpuPercent) + "% of a CPU for " + u.secondsOverCpu + " s, over its limit of "
                    + limits.cpuPercentMax() + "% (cpu.percent.max). To allow more, add to " + FILE + ": "
                    + bundle.getSymbolicName() + "." + LimitSettings.CPU_PERCENT_MAX + " = "
                    + Math.min(100 * Runtime.getRuntime().availableProcessors(), limits.cpuPercentMax() * 2));
            u.secondsOverCpu = 0;
        }
    }

    private void quarantine(Bundle bundle, String reason) {
        Quarantine q = quarantine;
        if (q == null) {
            log.error("{} — but no runtime is there to quarantine it", reason);
            return;
        }
        q.quarantine(bundle.getBundleId(), reason);
        // Threads cannot be killed in Java; interrupting them is the strongest signal there is.
        for (PluginThreads.Owned owned : PluginThreads.all(groups, adopted)) {
            if (owned.bundle() == bundle) {
                owned.thread().interrupt();
            }
        }
    }

    @Override
    public Optional<Map<String, Object>> usage(long bundleId) {
        Bundle bundle = context.getBundle(bundleId);
        if (bundle == null || !bundle.getLocation().startsWith(PluginConstants.PLUGIN_LOCATION_PREFIX)) {
            return Optional.empty();
        }
        LimitSettings.Limits limits = settings.of(bundle.getSymbolicName());
        Usage u = usage.getOrDefault(bundleId, new Usage());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(LimitSettings.THREADS_MAX, limits.threadsMax());
        out.put(LimitSettings.CPU_PERCENT_MAX, limits.cpuPercentMax());
        out.put(LimitSettings.CPU_WINDOW_SECONDS, limits.cpuWindowSeconds());
        out.put("threads", u.threads);
        out.put("cpu.percent", Math.round(u.cpuPercent * 10) / 10.0);
        out.put("cpu.ms", u.cpuMillis);
        out.put("allocated.bytes", u.allocatedBytes);
        return Optional.of(out);
    }
}
