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
 * Plugin calls with the sandbox; {@link SandboxOffBenchmark} has the same methods.
 * With the sandbox: org.osgi.framework.security=osgi, Felix CPA and the gcommon security bundle
 * (SecurityManager for the whole JVM, hence a fork of its own with the flags the container uses; the
 * policy path is relative to the benchmarks module, where benchmarks/run and the build start JMH).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Djava.security.manager=allow",
        "-Djava.security.policy==target/classes/all-permission.policy" })
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class SandboxOnBenchmark extends SandboxCallsBenchmark {

    @Override
    EmbeddedFelix.Profile profile() {
        return EmbeddedFelix.Profile.SANDBOX;
    }
}
