package org.gcommon.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.apache.felix.framework.FrameworkFactory;

/**
 * Measurements of whole processes, started the way a user starts them:
 * <ul>
 * <li>{@code boot}: the built container ({@code bin/gcommon start}) from process start until
 * {@code GET /health} answers 200, against {@link BareFelix} with the same third-party bundles until its
 * HTTP service answers; cold (new home / empty framework cache) and warm (a restart);</li>
 * <li>{@code drop}: a plugin jar moved into the running container's {@code deploy/} until
 * {@code GET /api/plugins/{name}} shows it ACTIVE and HEALTHY, against Felix FileInstall with default
 * settings until the bundle is started.</li>
 * </ul>
 *
 * <pre>
 * ProcessMeasures boot|drop RUNS RESULTS-FILE
 * </pre>
 */
public final class ProcessMeasures {

    private static final Pattern ACTIVE = Pattern.compile("\"state\"\\s*:\\s*\"ACTIVE\"");
    private static final Pattern HEALTHY = Pattern.compile("\"health\"\\s*:\\s*\\{\\s*\"status\"\\s*:\\s*\"HEALTHY\"");

    private final Results results;
    private final Path work;

    private ProcessMeasures(Results results) throws IOException {
        this.results = results;
        this.work = Files.createTempDirectory("gcommon-bench-proc-");
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[1]);
        ProcessMeasures m = new ProcessMeasures(new Results(args.length > 2 ? Path.of(args[2]) : null));
        try {
            switch (args[0]) {
            case "boot" -> m.boot(runs);
            case "drop" -> m.drop(runs);
            default -> throw new IllegalArgumentException("Unknown measure '" + args[0] + "': use boot or drop");
            }
        } finally {
            EmbeddedFelix.deleteTree(m.work);
        }
        System.exit(0);
    }

    // --- boot ---------------------------------------------------------------------------------------

    private void boot(int runs) throws Exception {
        System.out.println("boot: " + runs + " cold and " + runs + " warm starts of each, alternating");
        Path warmHome = newHome("warm-home");
        Path warmStorage = work.resolve("warm-bare");
        // prime the warm ones: their first start fills the framework cache
        bootContainer(warmHome);
        bootBare(warmStorage);
        List<Double> coldContainer = new ArrayList<>();
        List<Double> coldBare = new ArrayList<>();
        List<Double> warmContainer = new ArrayList<>();
        List<Double> warmBare = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            coldContainer.add(bootContainer(newHome("cold-home-" + i)));
            coldBare.add(bootBare(work.resolve("cold-bare-" + i)));
            warmContainer.add(bootContainer(warmHome));
            warmBare.add(bootBare(warmStorage));
        }
        System.out.println("  container cold " + Results.describe(coldContainer) + " ms, bare cold "
                + Results.describe(coldBare) + " ms");
        System.out.println("  container warm " + Results.describe(warmContainer) + " ms, bare warm "
                + Results.describe(warmBare) + " ms");
        results.put("boot.container.cold.ms", Results.median(coldContainer));
        results.put("boot.bare.cold.ms", Results.median(coldBare));
        results.put("boot.container.warm.ms", Results.median(warmContainer));
        results.put("boot.bare.warm.ms", Results.median(warmBare));
        results.put("boot.container.cold.max.ms", Results.max(coldContainer));
        results.put("boot.container.warm.max.ms", Results.max(warmContainer));
    }

    /** A home with empty deploy/ and etc/: the runtime alone, as the bare side has the third-party bundles alone. */
    private Path newHome(String name) throws IOException {
        Path home = work.resolve(name);
        Files.createDirectories(home.resolve("deploy"));
        Files.createDirectories(home.resolve("etc"));
        return home;
    }

    private double bootContainer(Path home) throws Exception {
        int port = Http.freePort();
        String health = "http://127.0.0.1:" + port + "/health";
        long start = System.nanoTime();
        Process p = startContainer(home, port);
        try {
            awaitHttp(health, p, true);
            return (System.nanoTime() - start) / 1e6;
        } finally {
            stop(p);
        }
    }

    private Process startContainer(Path home, int port) throws IOException {
        Path script = BundlePaths.container().resolve("bin/gcommon");
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "start", "--home", home.toString(), "--port",
                Integer.toString(port));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("container.log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return pb.start();
    }

    private double bootBare(Path storage) throws Exception {
        int port = Http.freePort();
        long start = System.nanoTime();
        Process p = startBare(storage, port, Map.of(), EmbeddedFelix.thirdPartyOfContainer(), false);
        try {
            awaitHttp("http://127.0.0.1:" + port + "/health", p, false);
            return (System.nanoTime() - start) / 1e6;
        } finally {
            stop(p);
        }
    }

    private Process startBare(Path storage, int port, Map<String, String> props, List<Path> jars, boolean pipe)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", codeSource(FrameworkFactory.class) + java.io.File.pathSeparator + codeSource(BareFelix.class),
                BareFelix.class.getName(), storage.toString(), Integer.toString(port)));
        props.forEach((k, v) -> cmd.add(k + "=" + v));
        cmd.add("--");
        jars.forEach(j -> cmd.add(j.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        if (!pipe) {
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("bare.log").toFile()));
        }
        return pb.start();
    }

    private static String codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls every 2 ms until the URL answers (200 when {@code ok} is asked, anything otherwise). */
    private void awaitHttp(String url, Process p, boolean ok) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("The process serving " + url + " ended with status " + p.exitValue()
                        + "; see " + work.resolve("*.log"));
            }
            int status = Http.get(url).status();
            if (ok ? status == 200 : status > 0) {
                return;
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException(url + " did not answer within 60 s");
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }

    // --- drop ---------------------------------------------------------------------------------------

    private void drop(int runs) throws Exception {
        System.out.println("drop: " + runs + " jars into the container's deploy/, " + runs + " into FileInstall's folder");
        List<Double> active = new ArrayList<>();
        List<Double> healthy = new ArrayList<>();
        Path home = newHome("drop-home");
        int port = Http.freePort();
        Process container = startContainer(home, port);
        try {
            awaitHttp("http://127.0.0.1:" + port + "/health", container, true);
            for (int i = 0; i < runs; i++) {
                String name = "drop-" + i;
                String url = "http://127.0.0.1:" + port + "/api/plugins/" + name;
                BundleJar jar = BenchBundles.tiny(name);
                long start = System.nanoTime();
                jar.writeTo(home.resolve("deploy").resolve(name + ".jar"), home.resolve(name + ".part"));
                double activeMs = -1;
                long deadline = start + TimeUnit.SECONDS.toNanos(30);
                while (true) {
                    String body = Http.get(url).body();
                    if (activeMs < 0 && ACTIVE.matcher(body).find()) {
                        activeMs = (System.nanoTime() - start) / 1e6;
                    }
                    if (activeMs >= 0 && HEALTHY.matcher(body).find()) {
                        healthy.add((System.nanoTime() - start) / 1e6);
                        active.add(activeMs);
                        break;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(name + " not ACTIVE and HEALTHY within 30 s: " + body);
                    }
                    Thread.sleep(2);
                }
                Thread.sleep(300);
            }
        } finally {
            stop(container);
        }

        List<Double> fileInstall = new ArrayList<>();
        Path watched = work.resolve("fileinstall-load");
        Files.createDirectories(watched);
        List<Path> jars = new ArrayList<>(EmbeddedFelix.thirdPartyOfContainer());
        jars.add(BundlePaths.path("api"));
        jars.add(BundlePaths.path("fileinstall"));
        Process bare = startBare(work.resolve("fileinstall-cache"), Http.freePort(),
                Map.of("felix.fileinstall.dir", watched.toString()), jars, true);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(bare.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            awaitLine(lines, "bare felix started");
            for (int i = 0; i < runs; i++) {
                String name = "fi-" + i;
                BundleJar jar = BenchBundles.tiny(name);
                long start = System.nanoTime();
                jar.writeTo(watched.resolve(name + ".jar"), work.resolve(name + ".part"));
                awaitLine(lines, "STARTED bench.tiny." + name);
                fileInstall.add((System.nanoTime() - start) / 1e6);
            }
        } finally {
            stop(bare);
        }
        System.out.println("  gcommon deploy/ ACTIVE " + Results.describe(active) + " ms, ACTIVE+HEALTHY "
                + Results.describe(healthy) + " ms; FileInstall " + Results.describe(fileInstall) + " ms");
        results.put("drop.gcommon.active.ms", Results.median(active));
        results.put("drop.gcommon.healthy.ms", Results.median(healthy));
        results.put("drop.gcommon.healthy.max.ms", Results.max(healthy));
        results.put("drop.fileinstall.ms", Results.median(fileInstall));
        results.put("drop.fileinstall.max.ms", Results.max(fileInstall));
    }

    private static void awaitLine(BlockingQueue<String> lines, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IllegalStateException("No line '" + expected + "' within 60 s");
            }
            if (line.equals(expected)) {
                return;
            }
        }
    }

}
