package org.gcommon.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark and every process-level measurement once, very briefly, so that none of them
 * rots between full runs. The figures mean nothing here; benchmarks/run measures.
 */
class BenchmarkSmokeTest {

    @TempDir
    Path temp;

    @Test
    void everyJmhBenchmarkRunsOnce() throws RunnerException {
        Collection<RunResult> inProcess = new Runner(smoke()
                .include("org\\.gcommon\\.benchmarks\\.jmh\\.(?!SandboxOn|SandboxAgent).*")
                .forks(0)
                .build()).run();
        // the sandbox needs a SecurityManager, or the enforcement agent, for the whole JVM: a fork of its own (the
        // agent's with -javaagent, from its @Fork), as in a real run
        Collection<RunResult> sandboxed = new Runner(smoke()
                .include("org\\.gcommon\\.benchmarks\\.jmh\\.Sandbox(On|Agent)Benchmark.*")
                .forks(1)
                .build()).run();

        List<String> ran = new ArrayList<>();
        inProcess.forEach(r -> ran.add(r.getParams().getBenchmark()));
        sandboxed.forEach(r -> ran.add(r.getParams().getBenchmark()));
        assertThat(ran).as("benchmarks that produced a score").hasSize(23)
                .contains("org.gcommon.benchmarks.jmh.RegistryBenchmark.facadeProvider",
                        "org.gcommon.benchmarks.jmh.MiddlewareChainBenchmark.runtimeChain",
                        "org.gcommon.benchmarks.jmh.EventBenchmark.pluginEvents1",
                        "org.gcommon.benchmarks.jmh.SandboxOnBenchmark.readDataFile",
                        "org.gcommon.benchmarks.jmh.SandboxAgentBenchmark.readDataFile",
                        "org.gcommon.benchmarks.jmh.SandboxOffBenchmark.readDataFile");
    }

    private static OptionsBuilder smoke() {
        OptionsBuilder options = new OptionsBuilder();
        options.warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(100))
                .shouldFailOnError(true);
        return options;
    }

    @Test
    void processMeasuresRunOnce() throws Exception {
        Path results = temp.resolve("results.properties");
        run(List.of("org.gcommon.benchmarks.harness.ProcessMeasures", "boot", "0", results.toString()), false);
        run(List.of("org.gcommon.benchmarks.harness.ProcessMeasures", "drop", "1", results.toString()), false);
        run(List.of("org.gcommon.benchmarks.harness.ScaleMeasure", "bare", "10", "0", results.toString()), false);
        run(List.of("org.gcommon.benchmarks.harness.ScaleMeasure", "gcommon", "10", "0", results.toString()), true);
        String written = Files.readString(results);
        assertThat(written).contains("drop.gcommon.healthy.ms=", "drop.fileinstall.ms=", "scale.bare.10.active.ms=",
                "scale.gcommon.10.active.ms=", "scale.gcommon.10.api-plugins.ms=", "scale.gcommon.10.heap.per-plugin.kib=");

        Path md = temp.resolve("RESULTS.md");
        Files.writeString(temp.resolve("commands.txt"), "smoke\n");
        run(List.of("org.gcommon.benchmarks.harness.Report", temp.resolve("none.csv").toString(), results.toString(),
                temp.resolve("commands.txt").toString(), "smoke", md.toString()), false);
        assertThat(Files.readString(md)).contains("drop jar → ACTIVE and HEALTHY", "install + start 10 plugins");
    }

    /** Runs a main class in a JVM of its own, as benchmarks/run does; fails with its output when it fails. */
    private void run(List<String> mainAndArgs, boolean sandbox) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (sandbox) {
            cmd.add("-Djava.security.manager=allow");
            cmd.add("-Djava.security.policy==target/classes/all-permission.policy");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.addAll(mainAndArgs);
        File log = temp.resolve("process-" + System.nanoTime() + ".log").toFile();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
        boolean ended = p.waitFor(3, TimeUnit.MINUTES);
        if (!ended) {
            p.destroyForcibly();
        }
        assertThat(ended && p.exitValue() == 0).as("%s ended with status 0; output:%n%s", mainAndArgs,
                Files.readString(log.toPath())).isTrue();
    }
}
