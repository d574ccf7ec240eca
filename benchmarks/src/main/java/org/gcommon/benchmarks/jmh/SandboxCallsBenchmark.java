package org.gcommon.benchmarks.jmh;

import org.gcommon.benchmarks.harness.EmbeddedFelix;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The plugin calls measured with and without the sandbox: {@link SandboxOnBenchmark} and
 * {@link SandboxOffBenchmark} differ only in the runtime profile and the fork's JVM flags.
 */
public abstract class SandboxCallsBenchmark {

    private SandboxedCalls calls;

    /** @return the runtime the calls run in */
    abstract EmbeddedFelix.Profile profile();

    @Setup
    public void start() {
        calls = new SandboxedCalls(profile());
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
