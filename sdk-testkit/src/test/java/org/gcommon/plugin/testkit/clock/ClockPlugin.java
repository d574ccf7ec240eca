package org.gcommon.plugin.testkit.clock;

import java.time.InstantSource;
import java.util.Map;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.ProviderPlugin;

/**
 * A provider plugin registered by Declarative Services, as plugin projects build them: the container
 * tests' stand-in for a real plugin bundle, packed from this module's test classes.
 */
public final class ClockPlugin implements ProviderPlugin<InstantSource> {

    @Override
    public String name() {
        return "clock";
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
    }

    @Override
    public void stop(PluginContext context) {
    }

    @Override
    public HealthStatus health() {
        return HealthStatus.healthy("ticking");
    }

    @Override
    public Class<InstantSource> providerType() {
        return InstantSource.class;
    }

    @Override
    public InstantSource provider() {
        return InstantSource.system();
    }
}
