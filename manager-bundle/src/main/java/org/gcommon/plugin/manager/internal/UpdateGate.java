package org.gcommon.plugin.manager.internal;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.gcommon.plugin.api.HealthService;
import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.PluginInfo;
import org.gcommon.plugin.api.PluginRegistry;
import org.gcommon.plugin.api.PluginState;
import org.gcommon.plugin.api.PluginType;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/**
 * Decides whether a freshly started bundle works: every plugin it registers is ACTIVE and reports
 * HEALTHY (a bundle with no plugin only has to be ACTIVE). Waits, bounded, for that to happen: woken
 * by plugin state changes, and looking again a few times a second for health, which has no events.
 */
final class UpdateGate {

    /** The outcome: passed, or failed with the reason; {@code judged} is false when the plugin could not run yet. */
    record Verdict(boolean passed, boolean judged, String reason) {
        static Verdict pass() {
            return new Verdict(true, true, "");
        }

        static Verdict fail(String reason) {
            return new Verdict(false, true, reason);
        }
    }

    /** How often health is asked again while waiting: health changes send no event. */
    private static final long LOOK_AGAIN_MS = 200;
    /** How long an update waits for the framework to reach the plugins' start level (the sandbox opens it). */
    private static final Duration START_LEVEL_WAIT = Duration.ofSeconds(120);

    private final org.osgi.framework.BundleContext context;
    private final Supplier<PluginRegistry> registry;
    private final Supplier<HealthService> health;
    private final Object monitor = new Object();

    UpdateGate(org.osgi.framework.BundleContext context, Supplier<PluginRegistry> registry,
            Supplier<HealthService> health) {
        this.context = context;
        this.registry = registry;
        this.health = health;
    }

    /**
     * @param bundle         the bundle just started
     * @param since          when it was (re)started: plugin states older than that are a previous version's
     * @param window         how long it has to become ACTIVE and HEALTHY
     * @param requireHealthy whether HEALTHY is required, or ACTIVE is enough
     * @return the verdict; on a timeout it says what was last seen
     */
    Verdict await(Bundle bundle, java.time.Instant since, Duration window, boolean requireHealthy) {
        if (!awaitStartLevel(bundle)) {
            return new Verdict(true, false, "not started yet: plugins start once the sandbox is in force, so its "
                    + "health was not checked");
        }
        PluginRegistry reg = registry.get();
        AutoCloseable listening = reg == null ? null : reg.addStateListener(event -> wake());
        try {
            long deadline = System.nanoTime() + window.toNanos();
            String last;
            while (true) {
                Look look = look(bundle, since, requireHealthy);
                if (look.verdict() != null) {
                    return look.verdict();
                }
                last = look.waitingFor();
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Verdict.fail("it did not become " + (requireHealthy ? "ACTIVE and HEALTHY" : "ACTIVE")
                            + " within " + window.toMillis() + " ms (" + last + ")");
                }
                synchronized (monitor) {
                    monitor.wait(Math.max(1, Math.min(LOOK_AGAIN_MS, left / 1_000_000)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Verdict.fail("the check was interrupted (the container is stopping)");
        } finally {
            if (listening != null) {
                try {
                    listening.close();
                } catch (Exception e) {
                    // the registry is going away with the listener
                }
            }
        }
    }

    private void wake() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    private record Look(Verdict verdict, String waitingFor) {
    }

    private Look look(Bundle bundle, java.time.Instant since, boolean requireHealthy) {
        int state = bundle.getState();
        if (state == Bundle.UNINSTALLED) {
            return new Look(Verdict.fail("the bundle was uninstalled"), null);
        }
        if (state != Bundle.ACTIVE) {
            return new Look(null, "the bundle is " + bundleState(state));
        }
        ServiceReference<?>[] services = Privileged.call(bundle::getRegisteredServices);
        int plugins = 0;
        for (ServiceReference<?> ref : services == null ? new ServiceReference<?>[0] : services) {
            Object classes = ref.getProperty(Constants.OBJECTCLASS);
            if (classes instanceof String[] names && List.of(names).contains(Plugin.class.getName())) {
                plugins++;
            }
        }
        PluginRegistry reg = registry.get();
        if (plugins == 0 || reg == null) {
            return new Look(Verdict.pass(), null);
        }
        List<PluginInfo> listed = reg.plugins().stream()
                .filter(i -> i.bundleId() == bundle.getBundleId() && i.type() != PluginType.BUNDLE).toList();
        if (listed.size() < plugins) {
            return new Look(null, "its plugin is not named yet");
        }
        for (PluginInfo info : listed) {
            if (info.stateSince().isBefore(since)) {
                return new Look(null, "plugin '" + info.name() + "' has not started again yet");
            }
            if (info.state() == PluginState.FAILED || info.state() == PluginState.QUARANTINED) {
                return new Look(Verdict.fail("plugin '" + info.name() + "' " + info.version() + " is " + info.state()
                        + info.lastError().map(e -> ": " + e).orElse("")), null);
            }
            if (info.state() != PluginState.ACTIVE) {
                return new Look(null, "plugin '" + info.name() + "' is " + info.state());
            }
            if (requireHealthy) {
                HealthService hs = health.get();
                HealthStatus status = hs == null ? HealthStatus.unknown("no health service") : hs.health(info.name());
                if (status.status() != HealthStatus.Status.HEALTHY) {
                    return new Look(null, "plugin '" + info.name() + "' " + info.version() + " reports "
                            + status.status() + (status.message() == null || status.message().isEmpty() ? ""
                                    : ": " + status.message()));
                }
            }
        }
        return new Look(Verdict.pass(), null);
    }

    /** @return whether the framework runs the bundle's start level (at once, or within a bounded wait) */
    private boolean awaitStartLevel(Bundle bundle) throws RuntimeException {
        Bundle system = context.getBundle(0);
        BundleStartLevel own = bundle.adapt(BundleStartLevel.class);
        if (own == null) {
            return true;
        }
        FrameworkStartLevel framework = system.adapt(FrameworkStartLevel.class);
        if (framework.getStartLevel() >= own.getStartLevel()) {
            return true;
        }
        FrameworkListener listener = event -> {
            if (event.getType() == FrameworkEvent.STARTLEVEL_CHANGED) {
                wake();
            }
        };
        context.addFrameworkListener(listener);
        try {
            long deadline = System.nanoTime() + START_LEVEL_WAIT.toNanos();
            while (framework.getStartLevel() < own.getStartLevel()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                synchronized (monitor) {
                    monitor.wait(Math.min(1_000, Math.max(1, left / 1_000_000)));
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            context.removeFrameworkListener(listener);
        }
    }

    private static String bundleState(int state) {
        return switch (state) {
        case Bundle.INSTALLED -> "INSTALLED (not resolved)";
        case Bundle.RESOLVED -> "RESOLVED (not started)";
        case Bundle.STARTING -> "STARTING";
        case Bundle.STOPPING -> "STOPPING";
        default -> "in state " + state;
        };
    }
}
