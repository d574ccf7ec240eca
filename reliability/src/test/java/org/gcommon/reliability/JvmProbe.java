package org.gcommon.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks into the container's JVM from outside with the JDK's {@code jcmd}, as an operator would: heap
 * in use after a full GC, metaspace, live threads, live bundle class loaders, classes loaded and unloaded.
 */
final class JvmProbe {

    /** One look. */
    record Sample(long heapUsedKb, long metaspaceUsedKb, int threads, int bundleClassLoaders, long classesLoaded,
            long classesUnloaded) {

        static String header() {
            return "heap_used_after_gc_kb,metaspace_used_kb,threads,bundle_class_loaders,classes_loaded,classes_unloaded";
        }

        String csv() {
            return heapUsedKb + "," + metaspaceUsedKb + "," + threads + "," + bundleClassLoaders + "," + classesLoaded + ","
                    + classesUnloaded;
        }
    }

    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
    private static final Pattern METASPACE_USED = Pattern.compile("Metaspace\\s+used (\\d+)K");
    private static final String BUNDLE_LOADER = "org.apache.felix.framework.BundleWiringImpl$BundleClassLoader";

    private final long pid;
    private final Path jcmd;

    JvmProbe(long pid) {
        this.pid = pid;
        this.jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    }

    /** Runs a full GC first, so that what is left is what is still referenced. */
    Sample sample() throws IOException, InterruptedException {
        jcmd("GC.run");
        String heap = jcmd("GC.heap_info");
        String loaders = jcmd("VM.classloader_stats");
        String counters = jcmd("PerfCounter.print");
        int bundleLoaders = (int) loaders.lines().filter(l -> l.endsWith(BUNDLE_LOADER)).count();
        return new Sample(group(HEAP_USED, heap), group(METASPACE_USED, heap), threads(), bundleLoaders,
                counter(counters, "java.cls.loadedClasses"), counter(counters, "java.cls.unloadedClasses"));
    }

    /** @return the live instances of a class after a full GC, from {@code GC.class_histogram} (0 when none) */
    long liveInstances(String className) throws IOException, InterruptedException {
        String histogram = jcmd("GC.class_histogram");
        return histogram.lines().map(String::trim).map(l -> l.split("\\s+"))
                .filter(cols -> cols.length >= 4 && cols[3].equals(className)).mapToLong(cols -> Long.parseLong(cols[1]))
                .findFirst().orElse(0L);
    }

    private int threads() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("Threads:")) {
                return Integer.parseInt(line.substring("Threads:".length()).trim());
            }
        }
        throw new IOException("no thread count in /proc/" + pid + "/status");
    }

    private static long counter(String counters, String name) {
        return counters.lines().filter(l -> l.startsWith(name + "=")).findFirst()
                .map(l -> Long.parseLong(l.substring(name.length() + 1).trim())).orElse(-1L);
    }

    private static long group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("jcmd answered without " + pattern + ": " + text);
        }
        return Long.parseLong(m.group(1));
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("jcmd " + pid + " " + command + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
