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
 * Plugin calls with the sandbox enforced by the enforcement agent (how the container runs on Java 24+);
 * {@link SandboxOffBenchmark} has the same methods, without any sandbox. Runs on any JDK from 17: on one
 * before 24 the agent is measured in place of the SecurityManager. The agent path is relative to the
 * benchmarks module, where benchmarks/run and the build start JMH.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-javaagent:target/agent/gcommon-enforcement-agent.jar" })
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class SandboxAgentBenchmark extends SandboxCallsBenchmark {

    @Override
    EmbeddedFelix.Profile profile() {
        return EmbeddedFelix.Profile.AGENT;
    }
}
