package org.gcommon.plugin.testkit.nosy;

import java.util.Map;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.PluginContext;

/** A plugin that reads the user's home directory name at start, which the sandbox does not allow plugins. */
public final class NosyPlugin implements Plugin {

    private volatile String outcome = "not started";

    @Override
    public String name() {
        return "nosy";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public void initialize(Map<String, Object> config) {
    }

    @Override
    public void start(PluginContext context) {
        try {
            outcome = "read user.home: " + System.getProperty("user.home");
        } catch (SecurityException e) {
            outcome = "denied: " + e.getMessage();
        }
    }

    @Override
    public void stop(PluginContext context) {
    }

    @Override
    public HealthStatus health() {
        return HealthStatus.healthy(outcome);
    }
}
