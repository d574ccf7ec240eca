package org.gcommon.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.gcommon.container.ContainerHttp;
import org.gcommon.container.PluginJars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classic OSGi leak, in the default build (the soak shows the same over ten minutes): plugins with
 * classes of their own deployed, updated and undeployed 15 times over leave nothing behind in the
 * container's heap: after a full GC, as many bundles, bundle revisions and bundle class loaders are live as
 * before the cycles, and the plugins' classes were unloaded. Counted with jcmd from outside the container.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class UninstalledPluginsAreCollectedIT {

    private static final String NAME = "leak-check";
    private static final int PLUGINS = 4;
    private static final int CYCLES = 15;
    private static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> COUNTED = List.of("org.apache.felix.framework.BundleImpl",
            "org.apache.felix.framework.BundleRevisionImpl", "org.apache.felix.framework.BundleWiringImpl$BundleClassLoader",
            "org.apache.felix.framework.BundleProtectionDomain");

    @TempDir
    static Path work;

    @Test
    void deployedUpdatedAndUndeployedPluginsLeaveNoBundleNorClassLoaderBehind() throws Exception {
        try (Home home = Home.create(work.resolve("home"), false)) {
            home.start(List.of());
            ContainerHttp http = home.http();
            JvmProbe probe = new JvmProbe(home.pid());
            Path builds = work.resolve("builds");
            cycle(home, http, builds, 0); // everything the runtime loads once is loaded now
            long[] before = count(probe);
            long unloadedBefore = probe.sample().classesUnloaded();

            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                cycle(home, http, builds, cycle);
            }
            long[] after = count(probe);
            long unloaded = probe.sample().classesUnloaded() - unloadedBefore;

            StringBuilder figures = new StringBuilder();
            for (int i = 0; i < COUNTED.size(); i++) {
                figures.append(COUNTED.get(i).replace("org.apache.felix.framework.", "")).append(' ').append(before[i])
                        .append(" -> ").append(after[i]).append("; ");
            }
            Figures.record("UninstalledPluginsAreCollectedIT", CYCLES + " cycles (" + CYCLES * PLUGINS + " installs, " + CYCLES
                    + " updates, " + CYCLES * PLUGINS + " uninstalls): live " + figures + unloaded + " classes unloaded");
            for (int i = 0; i < COUNTED.size(); i++) {
                // a leak keeps at least one per install (60 here); a thread's context class loader may pin one
                assertThat(after[i]).as("live %s after %d cycles", COUNTED.get(i), CYCLES).isLessThanOrEqualTo(before[i] + 2);
            }
            assertThat(unloaded).as("classes unloaded").isGreaterThanOrEqualTo((long) CYCLES * PLUGINS);
        }
    }

    private static long[] count(JvmProbe probe) throws Exception {
        long[] out = new long[COUNTED.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = probe.liveInstances(COUNTED.get(i));
        }
        return out;
    }

    private static void cycle(Home home, ContainerHttp http, Path builds, int cycle) throws Exception {
        for (int i = 0; i < PLUGINS; i++) {
            Path jar = PluginJars.bundle(NAME + i, "1.0." + cycle).activator(org.gcommon.reliability.plugins.wellbehaved.Activator.class)
                    .importing("org.gcommon.plugin.api.middleware").writeTo(builds.resolve(NAME + i + ".jar"));
            Jars.drop(jar, home.deploy(), NAME + i + ".jar");
        }
        await().atMost(CHANGE_TIMEOUT).pollInterval(Home.POLL).until(() -> home.states().entrySet().stream()
                .filter(e -> e.getKey().startsWith(NAME) && "ACTIVE".equals(e.getValue())).count() == PLUGINS);
        String since = http.plugin(NAME + 0).map(p -> p.path("stateSince").asText()).orElse("");
        Path update = PluginJars.bundle(NAME + 0, "2.0." + cycle).activator(org.gcommon.reliability.plugins.wellbehaved.Activator.class)
                .importing("org.gcommon.plugin.api.middleware").writeTo(builds.resolve("update.jar"));
        Jars.drop(update, home.deploy(), NAME + 0 + ".jar");
        await().atMost(CHANGE_TIMEOUT).pollInterval(Home.POLL).until(() -> http.plugin(NAME + 0)
                .filter(p -> "ACTIVE".equals(p.path("state").asText())).filter(p -> !since.equals(p.path("stateSince").asText()))
                .isPresent());
        for (int i = 0; i < PLUGINS; i++) {
            Files.delete(home.deploy().resolve(NAME + i + ".jar"));
        }
        await().atMost(CHANGE_TIMEOUT).pollInterval(Home.POLL)
                .until(() -> home.states().keySet().stream().noneMatch(n -> n.startsWith(NAME)));
    }
}
