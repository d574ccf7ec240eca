package org.gcommon.benchmarks.jmh;

import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

import org.gcommon.benchmarks.harness.BenchBundles;
import org.gcommon.benchmarks.harness.EmbeddedFelix;

/** The plugin calls of the sandbox benchmarks, in a framework with or without the sandbox. */
final class SandboxedCalls {

    final EmbeddedFelix felix;
    final IntSupplier property;
    final IntSupplier file;
    final IntSupplier service;
    final IntSupplier compute;

    SandboxedCalls(EmbeddedFelix.Profile profile) {
        felix = EmbeddedFelix.start(profile, Map.of(), List.of());
        if (profile == EmbeddedFelix.Profile.SANDBOX && System.getSecurityManager() == null) {
            felix.close();
            throw new IllegalStateException("The sandbox is not in force: run this benchmark in a fork with "
                    + "-Djava.security.manager=allow -Djava.security.policy==<all-permission policy>");
        }
        if (profile == EmbeddedFelix.Profile.AGENT && !"agent".equals(System.getProperty("gcommon.sandbox.enforcer"))) {
            felix.close();
            throw new IllegalStateException("The enforcement agent is not attached: run this benchmark in a fork with "
                    + "-javaagent:target/agent/gcommon-enforcement-agent.jar (built by mvn install of the benchmarks module)");
        }
        felix.installAndStart(BenchBundles.pluginLocation("sandboxed"), BenchBundles.sandboxed());
        BenchBundles.ready(felix, "sandbox.ready");
        property = felix.op(IntSupplier.class, "sandbox.property");
        file = felix.op(IntSupplier.class, "sandbox.file");
        service = felix.op(IntSupplier.class, "sandbox.service");
        compute = felix.op(IntSupplier.class, "sandbox.compute");
        // each path once, so that a denial shows here rather than as a benchmark error
        property.getAsInt();
        file.getAsInt();
        service.getAsInt();
        compute.getAsInt();
    }
}
