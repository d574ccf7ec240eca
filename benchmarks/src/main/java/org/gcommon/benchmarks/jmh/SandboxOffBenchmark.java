package org.gcommon.benchmarks.jmh;

import java.util.concurrent.TimeUnit;

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
 * Plugin calls without the sandbox; {@link SandboxOnBenchmark} has the same methods.
 * Without the sandbox: the same runtime and plugin, no SecurityManager, no CPA, no security bundle.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class SandboxOffBenchmark {

    private SandboxedCalls calls;

    @Setup
    public void start() {
        calls = new SandboxedCalls(EmbeddedFelix.Profile.RUNTIME);
    }

    @TearDown
    public void stop() {
        calls.felix.close();
    }

    /** {@code System.getProperty("java.version")}: a PropertyPermission check */
    @Benchmark
    public int readProperty() {
        return calls.property.getAsInt();
    }

    /** {@code Files.readAllBytes} of the plugin's data file: a FilePermission check */
    @Benchmark
    public int readDataFile() {
        return calls.file.getAsInt();
    }

    /** getServiceReference + getService + ungetService of the registry: ServicePermission checks */
    @Benchmark
    public int lookUpService() {
        return calls.service.getAsInt();
    }

    /** A checksum over 256 ints: no permission check */
    @Benchmark
    public int compute() {
        return calls.compute.getAsInt();
    }
}
