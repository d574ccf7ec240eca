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
 * A request through five middleware plugins with {@code MiddlewareChains.execute} against the same five
 * middleware objects linked by hand. Both create the exchange (request with two headers) per request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class MiddlewareChainBenchmark {

    private EmbeddedFelix felix;
    private IntSupplier runtime;
    private IntSupplier handWritten;

    @Setup
    public void start() {
        felix = EmbeddedFelix.start(EmbeddedFelix.Profile.RUNTIME, Map.of(), List.of());
        felix.installAndStart(BenchBundles.pluginLocation("chain"), BenchBundles.chain());
        IntSupplier size = felix.op(IntSupplier.class, "chain.size");
        EmbeddedFelix.await("5 middleware in chain 'bench'", java.time.Duration.ofSeconds(30), () -> size.getAsInt() == 5);
        runtime = felix.op(IntSupplier.class, "chain.runtime");
        handWritten = felix.op(IntSupplier.class, "chain.handwritten");
        int a = runtime.getAsInt();
        int b = handWritten.getAsInt();
        if (a != b) {
            throw new IllegalStateException("The two chains answer differently: " + a + " vs " + b);
        }
    }

    @TearDown
    public void stop() {
        felix.close();
    }

    @Benchmark
    public int runtimeChain() {
        return runtime.getAsInt();
    }

    @Benchmark
    public int handWrittenChain() {
        return handWritten.getAsInt();
    }
}
