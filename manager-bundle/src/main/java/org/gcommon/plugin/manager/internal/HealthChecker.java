package org.gcommon.plugin.manager.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.Plugin;

/**
 * Asks plugins for their health without ever letting the asker wait longer than the health timeout.
 *
 * <p>Each plugin has at most one {@code health()} call in flight; answers are reused for the cache
 * time. A call that has not answered by the deadline reads as UNKNOWN, and keeps running: when it
 * finally answers, the answer is cached for the next asker. Many plugins are asked in parallel and
 * waited for together, so a report costs one timeout at worst, not one per plugin.
 */
final class HealthChecker {

    private record Answer(HealthStatus status, Instant askedAt) {
    }

    private record Probe(CompletableFuture<HealthStatus> future, Instant startedAt) {
    }

    private final Executor workers;
    private final Supplier<Settings> settings;
    private final Clock clock;
    private final Map<Plugin, Answer> answers = new ConcurrentHashMap<>();
    private final Map<Plugin, Probe> inFlight = new ConcurrentHashMap<>();
    private volatile Runnable onUnhealthyChange = () -> {
    };

    HealthChecker(Executor workers, Supplier<Settings> settings, Clock clock) {
        this.workers = Objects.requireNonNull(workers, "workers");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A plugin to ask, under the name to report. */
    record Target(String name, Plugin plugin) {
    }

    /**
     * @param targets the plugins to ask
     * @return each plugin's health by name, in the order given, after at most one health timeout
     */
    Map<String, HealthStatus> check(Collection<Target> targets) {
        Settings s = settings.get();
        Instant now = clock.instant();
        Map<String, Object> pending = new LinkedHashMap<>();
        for (Target t : targets) {
            Answer cached = answers.get(t.plugin());
            if (cached != null && Duration.between(cached.askedAt(), now).compareTo(s.healthCacheTtl()) < 0) {
                pending.put(t.name(), cached.status());
            } else {
                pending.put(t.name(), probe(t, now));
            }
        }
        long asked = System.nanoTime();
        Map<String, HealthStatus> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : pending.entrySet()) {
            if (e.getValue() instanceof HealthStatus status) {
                out.put(e.getKey(), status);
            } else {
                Duration timeout = s.healthTimeout(e.getKey());
                out.put(e.getKey(), await(e.getKey(), (Probe) e.getValue(), asked + timeout.toNanos(), timeout));
            }
        }
        return out;
    }

    /** @param action run whenever a plugin turns UNHEALTHY or stops being so */
    void onUnhealthyChange(Runnable action) {
        this.onUnhealthyChange = Objects.requireNonNull(action, "action");
    }

    /** @return whether the plugin's last answer was UNHEALTHY */
    boolean lastKnownUnhealthy(Plugin plugin) {
        Answer a = answers.get(plugin);
        return a != null && a.status().status() == HealthStatus.Status.UNHEALTHY;
    }

    /** Forgets what is known of a plugin that went away. */
    void forget(Plugin plugin) {
        answers.remove(plugin);
        inFlight.remove(plugin);
    }

    private Probe probe(Target target, Instant now) {
        Plugin plugin = target.plugin();
        CompletableFuture<HealthStatus> future = new CompletableFuture<>();
        Probe fresh = new Probe(future, now);
        Probe pending = inFlight.putIfAbsent(plugin, fresh);
        if (pending != null) {
            return pending;
        }
        // The probe is in the map before the call starts, so a quick answer cannot complete it before
        // it is registered (which would leave a finished probe in place and freeze the plugin's health).
        future.whenComplete((status, error) -> {
            if (status != null) {
                Answer before = answers.put(plugin, new Answer(status, clock.instant()));
                boolean wasUnhealthy = before != null && before.status().status() == HealthStatus.Status.UNHEALTHY;
                if (wasUnhealthy != (status.status() == HealthStatus.Status.UNHEALTHY)) {
                    onUnhealthyChange.run();
                }
            }
            inFlight.remove(plugin, fresh);
        });
        try {
            workers.execute(() -> future.complete(ask(target)));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            future.complete(HealthStatus.unknown("the runtime is stopping"));
        }
        return fresh;
    }

    private static HealthStatus ask(Target target) {
        try {
            HealthStatus status = target.plugin().health();
            return status != null ? status
                    : HealthStatus.unknown("health() of plugin '" + target.name() + "' returned null; return a HealthStatus");
        } catch (RuntimeException | Error e) {
            return HealthStatus.unknown("health() of plugin '" + target.name() + "' threw " + TimedCalls.describe(e));
        }
    }

    private HealthStatus await(String name, Probe probe, long deadlineNanos, Duration timeout) {
        long left = deadlineNanos - System.nanoTime();
        try {
            return probe.future().get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return HealthStatus.unknown("health() of plugin '" + name + "' did not answer within " + timeout.toMillis()
                    + " ms (asked at " + probe.startedAt() + ")");
        } catch (ExecutionException e) {
            return HealthStatus.unknown("health() of plugin '" + name + "' failed: " + TimedCalls.describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthStatus.unknown("health check of plugin '" + name + "' was interrupted");
        }
    }
}
