package org.gcommon.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.gcommon.container.ContainerHttp;
import org.gcommon.container.PluginJars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak (outside the default build: {@code mvn verify -pl reliability -Psoak -Dsoak.minutes=10}, or
 * {@code reliability/soak}): the container with its samples under steady traffic, while plugins with code
 * of their own are deployed, updated and undeployed in cycles for {@code soak.minutes}. The container's
 * heap after a full GC, its threads, its live bundle class loaders and its loaded classes are sampled
 * with jcmd at every quiet point (no soak plugin installed): they must stay flat, i.e. the class loaders of
 * uninstalled plugins are collected and nothing else accumulates. Samples go to target/soak-samples.csv.
 */
class SoakIT {

    /** The soak plugins' symbolic names, also their plugin names: soak-plugin0, soak-plugin1 … */
    private static final String NAME = "soak-plugin";
    private static final int SLOTS = 4;
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(30);
    private static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path work;

    @Test
    void heapThreadsAndClassLoadersStayFlatOverDeployUndeployCycles() throws Exception {
        Duration length = Duration.ofMinutes(Long.getLong("soak.minutes", 10));
        Path csv = Path.of("target/soak-samples.csv");
        Files.createDirectories(csv.toAbsolutePath().getParent());
        Files.writeString(csv, "minute,cycles,requests,failures," + JvmProbe.Sample.header() + "\n", StandardCharsets.UTF_8);

        try (Home home = Home.create(work.resolve("home"), true)) {
            Files.writeString(home.etc().resolve("rate-limit.cfg"), "rate.per.second = 1000000\nburst = 1000000\n");
            Files.writeString(home.etc().resolve("request-logging.cfg"), "log.requests = false\n");
            home.start(Home.SAMPLES);
            ContainerHttp http = home.http();
            JvmProbe probe = new JvmProbe(home.pid());
            Path builds = work.resolve("builds");
            List<Path> jars = new ArrayList<>();
            for (int slot = 0; slot < SLOTS; slot++) {
                jars.add(jar(builds.resolve("soak-" + slot + ".jar"), slot, "1.0.0"));
            }
            List<JvmProbe.Sample> samples = new ArrayList<>();
            long started = System.nanoTime();
            long deadline = started + length.toNanos();
            long nextSample = started;
            int cycles = 0;
            URI echo = URI.create("http://127.0.0.1:" + home.port() + "/gateway/echo");
            try (LoadGenerator load = new LoadGenerator(echo, 200, 2, 25, length.plusMinutes(5))) {
                load.start("soak");
                while (true) {
                    long now = System.nanoTime();
                    if (now >= nextSample || now >= deadline) {
                        JvmProbe.Sample s = probe.sample();
                        samples.add(s);
                        double minute = (now - started) / 60e9;
                        String line = String.format("%.1f,%d,%d,%d,%s", minute, cycles, load.get("soak").requests(),
                                load.get("soak").failures().size(), s.csv());
                        Files.writeString(csv, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                        System.out.println("soak sample: " + line);
                        nextSample = now + SAMPLE_EVERY.toNanos();
                        if (now >= deadline) {
                            break;
                        }
                    }
                    try {
                        cycle(home, http, jars, builds, cycles++);
                    } catch (Exception | AssertionError e) {
                        System.out.println("---- cycle " + cycles + " failed; plugins: " + http.plugins()
                                + "\n---- container log ----\n" + home.log());
                        throw e;
                    }
                }
                load.close();
                LoadGenerator.Phase phase = load.get("soak");
                JvmProbe.Sample first = samples.get(1); // the first sample after one cycle: everything loaded once
                JvmProbe.Sample last = samples.get(samples.size() - 1);
                Figures.record("SoakIT", String.format("%d min, %d deploy/update/undeploy cycles (%d plugin installs), %s",
                        length.toMinutes(), cycles, cycles * SLOTS, phase));
                Figures.record("SoakIT", "after one cycle: " + first + "; at the end: " + last);
                assertThat(phase.failures()).isEmpty();
                // flat: what a cycle leaves behind, times hundreds of cycles, would show far above these margins
                assertThat(last.heapUsedKb()).as("heap after GC, KB").isLessThan(first.heapUsedKb() * 12 / 10 + 8 * 1024);
                assertThat(last.threads()).as("threads").isLessThanOrEqualTo(first.threads() + 8);
                // one more is allowed: a long-lived thread started while a plugin's loader was the context class loader
                // (an HttpClient's selector thread, say) keeps that one loader; growth would be one per cycle
                assertThat(last.bundleClassLoaders()).as("live bundle class loaders").isLessThanOrEqualTo(first.bundleClassLoaders() + 2);
                assertThat(last.metaspaceUsedKb()).as("metaspace, KB").isLessThan(first.metaspaceUsedKb() * 12 / 10 + 4 * 1024);
                assertThat(last.classesUnloaded()).as("classes unloaded (uninstalled plugins' loaders collected)")
                        .isGreaterThan(first.classesUnloaded());
            }
        }
    }

    /** Deploys a plugin per slot, updates one, sends traffic through them, and removes them all again. */
    private static void cycle(Home home, ContainerHttp http, List<Path> jars, Path builds, int cycle) throws Exception {
        for (int slot = 0; slot < SLOTS; slot++) {
            Jars.drop(jars.get(slot), home.deploy(), "soak-" + slot + ".jar");
        }
        await().atMost(CHANGE_TIMEOUT).pollInterval(Home.POLL).until(() -> activeSlots(home) == SLOTS);
        String since = http.plugin(NAME + 0).map(p -> p.path("stateSince").asText()).orElse("");
        Path updated = jar(builds.resolve("soak-0-update.jar"), 0, "1.0." + (cycle + 1));
        Jars.drop(updated, home.deploy(), "soak-0.jar");
        await().atMost(CHANGE_TIMEOUT).pollInterval(Home.POLL).until(() -> http.plugin(NAME + 0)
                .filter(p -> "ACTIVE".equals(p.path("state").asText()))
                .filter(p -> !since.equals(p.path("stateSince").asText())).isPresent());
        for (int slot = 0; slot < SLOTS; slot++) {
            Files.delete(home.deploy().resolve("soak-" + slot + ".jar"));
        }
        await().atMost(CHANGE_TIMEOUT).pollInterval(Home.POLL).until(() -> activeSlots(home) == 0
                && http.plugins().stream().noneMatch(p -> p.path("name").asText().startsWith(NAME)));
    }

    private static long activeSlots(Home home) throws Exception {
        return home.states().entrySet().stream().filter(e -> e.getKey().startsWith(NAME) && "ACTIVE".equals(e.getValue()))
                .count();
    }

    /** A plugin with classes of its own (the well-behaved middleware), named after its bundle. */
    private static Path jar(Path target, int slot, String version) throws Exception {
        return PluginJars.bundle(NAME + slot, version)
                .activator(org.gcommon.reliability.plugins.wellbehaved.Activator.class)
                .importing("org.gcommon.plugin.api.middleware").writeTo(target);
    }
}
