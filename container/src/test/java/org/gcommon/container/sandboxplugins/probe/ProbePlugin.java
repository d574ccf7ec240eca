package org.gcommon.container.sandboxplugins.probe;

import java.util.Map;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.PluginContext;
import org.osgi.framework.BundleContext;

/**
 * A plugin that tries one thing when it starts and tells through its health message what came of it:
 * {@code denied: <the sandbox's message>}, {@code ALLOWED: <what it achieved>} or {@code failed: <error>}.
 * Reading the outcome needs nothing from the plugin: the runtime shows every plugin's health.
 */
public final class ProbePlugin implements Plugin {

    /** When the attempt is made. */
    public enum When {
        /** Twice at start: the sandbox logs a denial once per plugin and permission, however often it happens. */
        AT_START,
        /** At start and again on each health call, so that a change of the plugin's grants shows at once. */
        AT_START_AND_EACH_HEALTH_CALL
    }

    private final String name;
    private final BundleContext bundleContext;
    private final Attempt attempt;
    private final When when;
    private volatile Map<String, Object> config = Map.of();
    private volatile PluginContext started;
    private volatile HealthStatus outcome = HealthStatus.unknown("not started");

    public ProbePlugin(String name, BundleContext bundleContext, When when, Attempt attempt) {
        this.name = name;
        this.bundleContext = bundleContext;
        this.when = when;
        this.attempt = attempt;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public void initialize(Map<String, Object> config) {
        this.config = Map.copyOf(config);
    }

    @Override
    public void start(PluginContext context) {
        started = context;
        outcome = tryOnce();
        if (when == When.AT_START) {
            outcome = tryOnce();
        }
    }

    @Override
    public void stop(PluginContext context) {
        started = null;
    }

    @Override
    public HealthStatus health() {
        if (when == When.AT_START_AND_EACH_HEALTH_CALL && started != null) {
            outcome = tryOnce();
        }
        return outcome;
    }

    private HealthStatus tryOnce() {
        try {
            return HealthStatus.healthy("ALLOWED: " + attempt.run(new ProbeScope(name, bundleContext, started, config)));
        } catch (SecurityException e) {
            return HealthStatus.healthy("denied: " + e.getMessage());
        } catch (Exception | LinkageError e) {
            return HealthStatus.degraded("failed: " + e);
        }
    }
}
