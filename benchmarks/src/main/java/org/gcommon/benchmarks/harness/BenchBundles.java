package org.gcommon.benchmarks.harness;

import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * The bundles the measurements install, built from the classes of {@code org.gcommon.benchmarks.bundles.*}.
 * Plugins get {@code gcommon:} locations, so that under the sandbox they run with plugin permissions;
 * the SPI and the probe are trusted, as a gcommon module's SPI and a management tool would be.
 */
public final class BenchBundles {

    static final String PKG = "org.gcommon.benchmarks.bundles.";
    static final String API = "org.gcommon.plugin.api;version=\"[1.0,2)\",org.gcommon.plugin.api.event;version=\"[1.0,2)\"";
    static final String OSGI = "org.osgi.framework;version=\"[1.9,2)\",org.osgi.util.tracker;version=\"[1.5,2)\"";
    static final String SPI = "org.gcommon.benchmarks.bundles.spi;version=\"[1.0,2)\"";

    private BenchBundles() {
    }

    /** The Catalog SPI, exported. */
    public static byte[] spi() {
        return BundleJar.named("bench.spi").withPackage(PKG + "spi")
                .header("Export-Package", PKG + "spi;version=1.0.0").bytes();
    }

    /** The provider plugin of Catalog, also registered as a plain Catalog service. */
    public static byte[] provider() {
        return plugin("bench.provider", "provider", API + "," + OSGI + "," + SPI);
    }

    /** The registry client: ops registry.provider, registry.proxy, osgi.tracker, osgi.getservice, direct.call. */
    public static byte[] registryClient() {
        return plugin("bench.registry", "registry", API + "," + OSGI + "," + SPI);
    }

    /** Five middleware plugins and ops chain.runtime, chain.handwritten. */
    public static byte[] chain() {
        return plugin("bench.chain", "chain", API + "," + OSGI
                + ",org.gcommon.plugin.api.middleware;version=\"[1.0,2)\"");
    }

    /** Event bus plugin and ops events.plugin.N, events.raw.N. */
    public static byte[] events() {
        return plugin("bench.events", "events", API + "," + OSGI + ",org.osgi.service.event;version=\"[1.3,2)\"");
    }

    /** The sandboxed plugin and ops sandbox.property, .file, .service, .compute. */
    public static byte[] sandboxed() {
        return plugin("bench.sandboxed", "sandboxed", API + "," + OSGI);
    }

    /** The probe: probe.active, probe.state, probe.list-nanos, probe.report-nanos. */
    public static byte[] probe() {
        return BundleJar.named("bench.probe").withPackage(PKG + "probe")
                .header("Import-Package", API + "," + OSGI).header("Bundle-Activator", PKG + "probe.Activator").bytes();
    }

    /** A tiny plugin named {@code name}, in a bundle of its own symbolic name. */
    public static BundleJar tiny(String name) {
        return BundleJar.named("bench.tiny." + name).withPackage(PKG + "tiny")
                .header("Import-Package", API + "," + OSGI)
                .header("Bundle-Activator", PKG + "tiny.TinyPlugin")
                .header("Bench-Plugin-Name", name);
    }

    private static byte[] plugin(String bsn, String pkg, String imports) {
        return BundleJar.named(bsn).withPackage(PKG + pkg).header("Import-Package", imports)
                .header("Bundle-Activator", PKG + pkg + ".Activator").bytes();
    }

    /** @return the plugin location the deploy folder would give a jar of that name */
    public static String pluginLocation(String name) {
        return "gcommon:bench/" + name + ".jar";
    }

    /**
     * Waits until an op answers without throwing and with a value other than 0 (e.g. once the plugins it
     * needs are ACTIVE).
     */
    public static IntSupplier ready(EmbeddedFelix felix, String op) {
        IntSupplier s = felix.op(IntSupplier.class, op);
        EmbeddedFelix.await(op + " to answer", Duration.ofSeconds(30), () -> s.getAsInt() != 0);
        return s;
    }
}
