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
 * Publish → delivery: {@code PluginEvents.publish} to a {@code PluginEvents.subscribe} handler, against
 * {@code EventAdmin.postEvent} to an {@code EventHandler} service. One event at a time (latency) and
 * batches of 100 (throughput); each op returns once the subscriber has every event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class EventBenchmark {

    private EmbeddedFelix felix;
    private IntSupplier plugin1;
    private IntSupplier raw1;
    private IntSupplier plugin100;
    private IntSupplier raw100;

    @Setup
    public void start() {
        felix = EmbeddedFelix.start(EmbeddedFelix.Profile.RUNTIME, Map.of(), List.of());
        felix.installAndStart(BenchBundles.pluginLocation("events"), BenchBundles.events());
        BenchBundles.ready(felix, "events.ready");
        plugin1 = felix.op(IntSupplier.class, "events.plugin.1");
        raw1 = felix.op(IntSupplier.class, "events.raw.1");
        plugin100 = felix.op(IntSupplier.class, "events.plugin.100");
        raw100 = felix.op(IntSupplier.class, "events.raw.100");
    }

    @TearDown
    public void stop() {
        felix.close();
    }

    @Benchmark
    public int pluginEvents1() {
        return plugin1.getAsInt();
    }

    @Benchmark
    public int eventAdmin1() {
        return raw1.getAsInt();
    }

    @Benchmark
    public int pluginEvents100() {
        return plugin100.getAsInt();
    }

    @Benchmark
    public int eventAdmin100() {
        return raw100.getAsInt();
    }
}
