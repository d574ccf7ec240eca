package org.gcommon.benchmarks.harness;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import org.osgi.framework.Bundle;

/**
 * N generated plugins on one framework, in this JVM: install + start time, heap and threads per idle
 * plugin, listing and health aggregate times, stop all.
 *
 * <pre>
 * ScaleMeasure gcommon|bare N IDLE-SECONDS RESULTS-FILE
 * </pre>
 *
 * {@code gcommon} is the container's framework (every jar of its {@code system/}, its framework
 * properties, the sandbox on: run the JVM with {@code -Djava.security.manager=allow} and an
 * all-permission policy, as {@code bin/gcommon} does); {@code bare} is Felix with the same third-party
 * bundles and the API bundle the plugins import. Both install the same N jars the same way: install all,
 * resolve them in one batch, start each.
 */
public final class ScaleMeasure {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ScaleMeasure() {
    }

    public static void main(String[] args) throws Exception {
        boolean gcommon = args[0].equals("gcommon");
        int n = Integer.parseInt(args[1]);
        int idleSeconds = Integer.parseInt(args[2]);
        Results results = new Results(args.length > 3 ? Path.of(args[3]) : null);
        String key = "scale." + args[0] + "." + n + ".";
        System.out.println("scale: " + n + " plugins on " + (gcommon ? "the gcommon container's framework" : "bare Felix"));

        int port = Http.freePort();
        Path home = Files.createTempDirectory("gcommon-bench-home-");
        Files.createDirectories(home.resolve("deploy"));
        Files.createDirectories(home.resolve("etc"));
        EmbeddedFelix felix = EmbeddedFelix.start(gcommon ? EmbeddedFelix.Profile.CONTAINER : EmbeddedFelix.Profile.BARE,
                Map.of("org.osgi.service.http.port", Integer.toString(port), "gcommon.home", home.toString()), List.of());
        String base = "http://127.0.0.1:" + port;
        try {
            IntSupplier active = null;
            if (gcommon) {
                felix.installAndStart("file:bench/probe", BenchBundles.probe());
                active = felix.op(IntSupplier.class, "probe.active");
                EmbeddedFelix.await("GET /health 200", java.time.Duration.ofSeconds(30),
                        () -> Http.get(base + "/health").status() == 200);
            }
            List<byte[]> jars = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                jars.add(BenchBundles.tiny(String.format("tiny-%04d", i)).bytes());
            }
            Thread.sleep(1000);
            long heap0 = usedHeapAfterGc();
            int threads0 = THREADS.getThreadCount();
            THREADS.resetPeakThreadCount();

            long t0 = System.nanoTime();
            List<Bundle> bundles = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                bundles.add(felix.install(BenchBundles.pluginLocation(String.format("tiny-%04d", i)), jars.get(i)));
            }
            long tInstalled = System.nanoTime();
            felix.wiring().resolveBundles(bundles);
            long tResolved = System.nanoTime();
            for (Bundle b : bundles) {
                b.start();
            }
            long tStarted = System.nanoTime();
            if (gcommon) {
                IntSupplier a = active;
                EmbeddedFelix.await(n + " plugins ACTIVE", java.time.Duration.ofMinutes(5), () -> a.getAsInt() >= n);
            } else {
                for (Bundle b : bundles) {
                    if (b.getState() != Bundle.ACTIVE) {
                        throw new IllegalStateException(b.getSymbolicName() + " is not ACTIVE");
                    }
                }
            }
            long tActive = System.nanoTime();
            results.put(key + "install.ms", (tInstalled - t0) / 1e6);
            results.put(key + "resolve.ms", (tResolved - tInstalled) / 1e6);
            results.put(key + "start.ms", (tStarted - tResolved) / 1e6);
            results.put(key + "active.ms", (tActive - t0) / 1e6);
            results.put(key + "threads.peak", THREADS.getPeakThreadCount());
            results.put(key + "threads.at-active", THREADS.getThreadCount());

            if (gcommon) {
                measureManagement(felix, base, key, results);
                results.put(key + "threads.after-queries", THREADS.getThreadCount());
            }
            // idle: the runtime's pools let their threads go after 30 s without work
            Thread.sleep(idleSeconds * 1000L);
            int threadsIdle = THREADS.getThreadCount();
            results.put(key + "threads.before", threads0);
            results.put(key + "threads.idle.seconds", idleSeconds);
            results.put(key + "threads.idle", threadsIdle);
            results.put(key + "threads.idle.by-name", threadNames());
            long heapN = usedHeapAfterGc();
            results.put(key + "heap.before.kib", heap0 / 1024.0);
            results.put(key + "heap.idle.kib", heapN / 1024.0);
            results.put(key + "heap.per-plugin.kib", (heapN - heap0) / 1024.0 / n);

            long tStop = System.nanoTime();
            for (Bundle b : bundles) {
                b.stop();
            }
            if (gcommon) {
                IntSupplier a = active;
                EmbeddedFelix.await("no plugin ACTIVE", java.time.Duration.ofMinutes(5), () -> a.getAsInt() == 0);
            }
            results.put(key + "stop-all.ms", (System.nanoTime() - tStop) / 1e6);
        } finally {
            felix.close();
            EmbeddedFelix.deleteTree(home);
        }
        System.exit(0);
    }

    private static void measureManagement(EmbeddedFelix felix, String base, String key, Results results)
            throws InterruptedException {
        LongSupplier listNanos = felix.op(LongSupplier.class, "probe.list-nanos");
        LongSupplier reportNanos = felix.op(LongSupplier.class, "probe.report-nanos");
        // first health report: no cached answer, every plugin is asked
        long t = System.nanoTime();
        Http.Answer first = Http.get(base + "/health");
        results.put(key + "health.first.ms", (System.nanoTime() - t) / 1e6);
        if (first.status() != 200) {
            throw new IllegalStateException("GET /health answered " + first.status() + ": " + first.body());
        }
        results.put(key + "threads.after-first-health", THREADS.getThreadCount());
        List<Double> list = new ArrayList<>();
        List<Double> health = new ArrayList<>();
        List<Double> healthCold = new ArrayList<>();
        List<Double> listInProcess = new ArrayList<>();
        List<Double> reportInProcess = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            t = System.nanoTime();
            Http.Answer answer = Http.get(base + "/api/plugins");
            list.add((System.nanoTime() - t) / 1e6);
            if (answer.status() != 200) {
                throw new IllegalStateException("GET /api/plugins answered " + answer.status());
            }
            t = System.nanoTime();
            Http.get(base + "/health");
            health.add((System.nanoTime() - t) / 1e6);
            listInProcess.add(listNanos.getAsLong() / 1e6);
            reportInProcess.add(reportNanos.getAsLong() / 1e6);
        }
        for (int i = 0; i < 3; i++) {
            Thread.sleep(1200); // past the health cache: every plugin is asked again
            t = System.nanoTime();
            Http.get(base + "/health");
            healthCold.add((System.nanoTime() - t) / 1e6);
        }
        results.put(key + "api-plugins.ms", Results.median(list));
        results.put(key + "api-plugins.max.ms", Results.max(list));
        results.put(key + "health.cached.ms", Results.median(health));
        results.put(key + "health.uncached.ms", Results.median(healthCold));
        results.put(key + "health.uncached.max.ms", Results.max(healthCold));
        results.put(key + "registry.plugins.in-process.ms", Results.median(listInProcess));
        results.put(key + "health.report.in-process.ms", Results.median(reportInProcess));
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /** @return live threads grouped by name without trailing digits, e.g. {gcommon-plugin-call-=3, ...} */
    private static String threadNames() {
        Map<String, Integer> byName = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            byName.merge(t.getName().replaceAll("[0-9]+$", "#"), 1, Integer::sum);
        }
        return byName.toString().replace('=', ':');
    }

}
