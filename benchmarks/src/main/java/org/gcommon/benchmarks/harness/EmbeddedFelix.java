package org.gcommon.benchmarks.harness;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * A Felix framework started inside the benchmark's JVM with a chosen set of runtime bundles. The
 * launcher side talks to bundles only through services typed by JDK interfaces
 * ({@code java.util.function.*}), which every class loader shares: no gcommon type crosses the
 * framework boundary, so the measured calls run exactly as between two plugins.
 */
public final class EmbeddedFelix implements AutoCloseable {

    /** The sets of runtime bundles the benchmarks compare. */
    public enum Profile {
        /** Felix with the third-party bundles of the container and the gcommon API only: no runtime. */
        BARE,
        /** The plugin runtime as the integration tests run it: DS, ConfigAdmin, EventAdmin, Log, Metatype, Jackson, API, manager. */
        RUNTIME,
        /** {@link #RUNTIME} plus the sandbox: org.osgi.framework.security=osgi, Felix's CPA and the gcommon security bundle. */
        SANDBOX,
        /**
         * {@link #RUNTIME} plus the sandbox enforced by the enforcement agent (the JVM must run with it, see
         * SandboxAgentBenchmark): Felix's CPA and the gcommon security bundle, no SecurityManager.
         */
        AGENT,
        /** Every jar of the built container's {@code system/}, with the launcher's framework properties. */
        CONTAINER
    }

    /** Start level of runtime bundles and of plugins, as the container's launcher sets them. */
    public static final int RUNTIME_LEVEL = 1;
    public static final int PLUGIN_LEVEL = 2;

    private static final List<String> RUNTIME_KEYS = List.of("function", "promise", "component", "scr", "configadmin",
            "eventadmin", "log", "metatype", "jackson-core", "jackson-annotations", "jackson-databind", "api", "manager");

    private final Framework framework;
    private final Path storage;
    private final Profile profile;

    private EmbeddedFelix(Framework framework, Path storage, Profile profile) {
        this.framework = framework;
        this.storage = storage;
        this.profile = profile;
    }

    /**
     * Starts a framework and waits until its runtime serves (for profiles with the manager: the
     * PluginRegistry service is up and plugins may start).
     *
     * @param profile which runtime bundles
     * @param extraProperties more framework properties (e.g. {@code gcommon.home}, the HTTP port)
     * @param extraBundles more bundle jars installed and started with the runtime
     */
    public static EmbeddedFelix start(Profile profile, Map<String, String> extraProperties, List<Path> extraBundles) {
        try {
            Path storage = Files.createTempDirectory("gcommon-bench-felix-");
            Map<String, String> props = new HashMap<>();
            props.put(Constants.FRAMEWORK_STORAGE, storage.toString());
            props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
            props.put("felix.log.level", "1");
            props.put("gosh.args", "--nointeractive");
            props.put("org.apache.felix.http.host", "127.0.0.1");
            props.put("org.osgi.service.http.port", "0");
            List<Path> jars = new ArrayList<>();
            switch (profile) {
            case BARE -> {
                jars.addAll(thirdPartyOfContainer());
                jars.add(BundlePaths.path("api"));
            }
            case RUNTIME -> RUNTIME_KEYS.forEach(k -> jars.add(BundlePaths.path(k)));
            case SANDBOX -> {
                RUNTIME_KEYS.forEach(k -> jars.add(BundlePaths.path(k)));
                jars.add(BundlePaths.path("framework.security"));
                jars.add(BundlePaths.path("security"));
                props.put(Constants.FRAMEWORK_SECURITY, Constants.FRAMEWORK_SECURITY_OSGI);
            }
            case AGENT -> {
                RUNTIME_KEYS.forEach(k -> jars.add(BundlePaths.path(k)));
                jars.add(BundlePaths.path("framework.security"));
                jars.add(BundlePaths.path("security"));
                // as the container's FrameworkSettings when the agent is attached
                props.put(Constants.FRAMEWORK_BOOTDELEGATION, "org.gcommon.plugin.enforcement.hook");
            }
            case CONTAINER -> {
                jars.addAll(jarsIn(BundlePaths.container().resolve("system")));
                // as the container's FrameworkSettings: plugins wait below their start level until the sandbox is in force
                props.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Integer.toString(RUNTIME_LEVEL));
                props.put("gcommon.plugin.startlevel", Integer.toString(PLUGIN_LEVEL));
                props.put("gcommon.sandbox.insecure", "false");
                props.put(Constants.FRAMEWORK_SECURITY, Constants.FRAMEWORK_SECURITY_OSGI);
            }
            default -> throw new IllegalArgumentException(profile.toString());
            }
            props.putAll(extraProperties);
            jars.addAll(extraBundles);

            Framework framework = new FrameworkFactory().newFramework(props);
            framework.init();
            BundleContext context = framework.getBundleContext();
            for (Path jar : jars) {
                Bundle b;
                try (InputStream in = Files.newInputStream(jar)) {
                    b = context.installBundle("file:" + jar, in);
                }
                b.adapt(BundleStartLevel.class).setStartLevel(RUNTIME_LEVEL);
                if (!isFragment(b)) {
                    b.start();
                }
            }
            framework.adapt(FrameworkStartLevel.class).setInitialBundleStartLevel(
                    profile == Profile.CONTAINER ? PLUGIN_LEVEL : RUNTIME_LEVEL);
            framework.start();
            EmbeddedFelix felix = new EmbeddedFelix(framework, storage, profile);
            felix.awaitRuntime();
            return felix;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (BundleException e) {
            throw new IllegalStateException("Could not start the " + profile + " framework: " + e, e);
        }
    }

    /** @return the jars of the container's system/ that are not gcommon's own and not the sandbox's extension */
    public static List<Path> thirdPartyOfContainer() {
        List<Path> out = new ArrayList<>();
        for (Path jar : jarsIn(BundlePaths.container().resolve("system"))) {
            String name = jar.getFileName().toString();
            if (!name.startsWith("org.gcommon.") && !name.startsWith("org.apache.felix.framework.security")) {
                out.add(jar);
            }
        }
        return out;
    }

    static List<Path> jarsIn(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.jar")) {
            files.forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir + ": build the container first (mvn -B install)", e);
        }
        out.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return out;
    }

    static boolean isFragment(Bundle b) {
        BundleRevision revision = b.adapt(BundleRevision.class);
        return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    private void awaitRuntime() {
        List<String> notActive = new ArrayList<>();
        for (Bundle b : context().getBundles()) {
            if (b.getBundleId() != 0 && !isFragment(b) && b.getState() != Bundle.ACTIVE) {
                notActive.add(b.getSymbolicName());
            }
        }
        if (!notActive.isEmpty()) {
            throw new IllegalStateException(profile + " framework: runtime bundle(s) not active: " + notActive);
        }
        if (profile == Profile.BARE) {
            return;
        }
        await("the PluginRegistry service of the " + profile + " framework", Duration.ofSeconds(30),
                () -> registered("org.gcommon.plugin.api.PluginRegistry", null) != null);
        if (profile == Profile.CONTAINER) {
            await("the sandbox to open the plugins' start level", Duration.ofSeconds(30),
                    () -> framework.adapt(FrameworkStartLevel.class).getStartLevel() >= PLUGIN_LEVEL);
        }
    }

    /** @return the system bundle's context */
    public BundleContext context() {
        return framework.getBundleContext();
    }

    /** @return the framework's wiring, for batch resolution */
    public FrameworkWiring wiring() {
        return framework.adapt(FrameworkWiring.class);
    }

    /** Installs a bundle from bytes under a location (plugins: {@code gcommon:...}). */
    public Bundle install(String location, byte[] jar) {
        try {
            return context().installBundle(location, new ByteArrayInputStream(jar));
        } catch (BundleException e) {
            throw new IllegalStateException("Could not install " + location + ": " + e, e);
        }
    }

    /** Installs and starts a bundle; returns once its activator ran. */
    public Bundle installAndStart(String location, byte[] jar) {
        Bundle b = install(location, jar);
        try {
            b.start();
        } catch (BundleException e) {
            throw new IllegalStateException("Could not start " + location + ": " + e, e);
        }
        return b;
    }

    /**
     * Waits for a service registered by a bundle under a JDK interface, with property {@code bench.op}.
     *
     * @return the service object
     */
    public <T> T op(Class<T> type, String name) {
        String filter = "(bench.op=" + name + ")";
        Object[] found = new Object[1];
        await("service " + type.getSimpleName() + " " + filter, Duration.ofSeconds(30), () -> {
            ServiceReference<?>[] refs = registered(type.getName(), filter);
            if (refs != null && refs.length > 0) {
                found[0] = context().getService(refs[0]);
            }
            return found[0] != null;
        });
        return type.cast(found[0]);
    }

    /**
     * Every registration of a service name, without the framework's class-space filter: the launcher
     * never loads gcommon types, and where a class path does hold them (a test class path) they must
     * not hide the framework's own.
     */
    private ServiceReference<?>[] registered(String name, String filter) {
        try {
            return context().getAllServiceReferences(name, filter);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Polls a condition every millisecond; fails naming what was awaited when it does not come true in time. */
    public static void await(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Still waiting for " + what + " after " + limit.toMillis() + " ms: " + e, e);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Still waiting for " + what + " after " + limit.toMillis() + " ms");
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what);
            }
        }
    }

    @Override
    public void close() {
        try {
            framework.stop();
            framework.waitForStop(60_000);
        } catch (BundleException | InterruptedException e) {
            System.err.println("benchmarks: framework did not stop cleanly: " + e);
        } finally {
            deleteTree(storage);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind costs nothing but disk
        }
    }
}
