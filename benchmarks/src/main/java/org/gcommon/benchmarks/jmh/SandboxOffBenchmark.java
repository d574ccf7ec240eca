package org.gcommon.benchmarks.jmh;

import java.util.concurrent.TimeUnit;

import org.gcommon.benchmarks.harness.EmbeddedFelix;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
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
public class SandboxOffBenchmark extends SandboxCallsBenchmark {

    @Override
    EmbeddedFelix.Profile profile() {
        return EmbeddedFelix.Profile.RUNTIME;
    }
}
