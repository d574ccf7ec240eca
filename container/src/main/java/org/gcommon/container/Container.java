package org.gcommon.container;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/**
 * One run of the OSGi framework on a home: boot, wait until stopped, stop within a bounded time.
 */
final class Container {

    /** The manager stops each plugin within its own timeout; this bounds the whole stop. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    /** How long the started line waits for /health to answer. */
    static final Duration HTTP_WAIT = Duration.ofSeconds(10);

    private final Path distDir;
    private final ContainerHome home;
    private final FrameworkSettings settings;

    private Framework framework;
    private boolean stopped;
    /** Set as soon as a stop begins, so that a late start-up message does not follow it. */
    private volatile boolean stopping;

    Container(Path distDir, ContainerHome home, FrameworkSettings settings) {
        this.distDir = distDir;
        this.home = home;
        this.settings = settings;
    }

    /** @return the exit status once the framework has stopped */
    int run() {
        StopSignals.install(this::stop);
        try {
            List<Bundle> runtime;
            synchronized (this) {
                if (stopped) {
                    return Main.EXIT_OK;
                }
                framework = newFramework();
                framework.init();
                framework.adapt(FrameworkStartLevel.class)
                        .setInitialBundleStartLevel(FrameworkSettings.PLUGIN_START_LEVEL);
                runtime = new SystemBundles(distDir.resolve("system"), home.data()).synchronize(
                        framework.getBundleContext());
            }
            framework.start();
            reportStarted(runtime);
            framework.waitForStop(0);
        } catch (BundleException | IOException | RuntimeException e) {
            System.err.println("gcommon: the container could not start: " + e);
            stop();
            return Main.EXIT_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop();
        return Main.EXIT_OK;
    }

    private Framework newFramework() {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow(
                () -> new IllegalStateException("no OSGi framework in " + distDir.resolve("lib")
                        + ": the distribution is incomplete; rebuild it (mvn -B install)"));
        return factory.newFramework(settings.properties());
    }

    private void reportStarted(List<Bundle> runtime) {
        List<String> notActive = SystemBundles.notActive(runtime);
        if (!notActive.isEmpty()) {
            System.err.println("gcommon: runtime bundle(s) not active, see the errors above: "
                    + String.join(", ", notActive));
        }
        String health = "http://" + settings.urlHost() + ":" + settings.port() + "/health";
        if (!HttpPort.awaitAnswer(health, HTTP_WAIT)) {
            System.err.println("gcommon: " + health + " does not answer after " + HTTP_WAIT.toSeconds()
                    + " s: the HTTP service or the console did not start, see the errors above");
        }
        try {
            ContainerAddress.record(home.dir(), "http://" + settings.urlHost() + ":" + settings.port());
        } catch (IOException e) {
            System.err.println("gcommon: cannot write " + home.data().resolve(ContainerAddress.URL_FILE) + " (" + e
                    + "): client commands need --port " + settings.port());
        }
        if (stopping) {
            return;
        }
        long millis = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println("gcommon started in " + millis + " ms — " + health + " — deploy: " + home.deploy());
    }

    /** Stops the framework and waits for it; safe to call more than once and from any thread. */
    synchronized void stop() {
        stopping = true;
        if (stopped) {
            return;
        }
        stopped = true;
        ContainerAddress.forget(home.dir());
        if (framework == null) {
            return;
        }
        long begin = System.nanoTime();
        try {
            boolean running = (framework.getState() & (Bundle.STARTING | Bundle.ACTIVE)) != 0;
            if (running) {
                System.out.println("gcommon stopping (plugins get up to " + STOP_TIMEOUT.toSeconds() + " s)");
                framework.stop();
            }
            FrameworkEvent event = framework.waitForStop(STOP_TIMEOUT.toMillis());
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                System.err.println("gcommon: the framework did not stop within " + STOP_TIMEOUT.toSeconds()
                        + " s; exiting anyway");
            } else if (running) {
                System.out.println("gcommon stopped in " + Duration.ofNanos(System.nanoTime() - begin).toMillis()
                        + " ms");
            } else {
                // stopped from inside, e.g. by the shell
                System.out.println("gcommon stopped");
            }
        } catch (BundleException | RuntimeException e) {
            System.err.println("gcommon: error while stopping: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            System.out.flush();
            System.err.flush();
        }
    }
}
