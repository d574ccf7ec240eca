package org.gcommon.benchmarks.jmh;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import org.gcommon.benchmarks.harness.BenchBundles;
import org.gcommon.benchmarks.harness.EmbeddedFelix;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Registry facade lookup + call against a direct OSGi service call, from a plugin calling a provider
 * plugin. Each method calls one op of the registry client bundle; every op does the same provider call
 * (a map lookup), so the differences are the lookups.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class RegistryBenchmark {

    private EmbeddedFelix felix;
    private IntSupplier provider;
    private IntSupplier proxy;
    private IntSupplier tracker;
    private IntSupplier getService;
    private IntSupplier direct;

    @Setup
    public void start() {
        felix = EmbeddedFelix.start(EmbeddedFelix.Profile.RUNTIME, Map.of(), List.of());
        felix.installAndStart("file:bench/spi", BenchBundles.spi());
        felix.installAndStart(BenchBundles.pluginLocation("provider"), BenchBundles.provider());
        felix.installAndStart(BenchBundles.pluginLocation("registry"), BenchBundles.registryClient());
        provider = BenchBundles.ready(felix, "registry.provider");
        proxy = BenchBundles.ready(felix, "registry.proxy");
        tracker = BenchBundles.ready(felix, "osgi.tracker");
        getService = BenchBundles.ready(felix, "osgi.getservice");
        direct = BenchBundles.ready(felix, "direct.call");
    }

    @TearDown
    public void stop() {
        felix.close();
    }

    /** {@code registry.provider(Catalog.class).get().find(key)} */
    @Benchmark
    public int facadeProvider() {
        return provider.getAsInt();
    }

    /** {@code registry.providerProxy(Catalog.class)} kept, then {@code proxy.find(key)} */
    @Benchmark
    public int facadeProxy() {
        return proxy.getAsInt();
    }

    /** Baseline: {@code serviceTracker.getService().find(key)} */
    @Benchmark
    public int osgiTracker() {
        return tracker.getAsInt();
    }

    /** For reference: getServiceReference + getService + call + ungetService on every call. */
    @Benchmark
    public int osgiGetService() {
        return getService.getAsInt();
    }

    /** For reference: the provider call alone, on a reference held in a field. */
    @Benchmark
    public int directCall() {
        return direct.getAsInt();
    }
}
