package org.gcommon.plugin.sample.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.gcommon.plugin.api.HealthReport;
import org.gcommon.plugin.api.HealthService;
import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.PluginInfo;
import org.gcommon.plugin.api.PluginRegistry;
import org.gcommon.plugin.api.PluginState;
import org.gcommon.plugin.api.PluginStateListener;
import org.gcommon.plugin.api.PluginType;

/**
 * The two runtime services the exporter reads, holding what a test puts in: the registry's plugin list
 * and the health service's last answers.
 */
final class TestRuntime implements PluginRegistry, HealthService {

    /** One plugin as the registry lists it. */
    record Info(String name, String version, PluginType type, PluginState state, Instant stateSince, long bundleId,
            String symbolicName, String location, Optional<String> lastError, List<String> reasons,
            Optional<String> providerType, int ranking) implements PluginInfo {

        static Info of(String name, PluginType type, PluginState state) {
            return new Info(name, "1.0.0", type, state, Instant.EPOCH, 7, "org.example." + name,
                    "gcommon:deploy/" + name + ".jar", Optional.empty(), List.of(), Optional.empty(), 0);
        }
    }

    private record Report(HealthStatus.Status status, List<String> runtimeProblems, Map<String, HealthStatus> plugins,
            Instant time) implements HealthReport {
    }

    private final List<PluginInfo> plugins = new ArrayList<>();
    private final Map<String, HealthStatus> health = new TreeMap<>();

    TestRuntime plugin(String name, PluginType type, PluginState state, HealthStatus status) {
        plugins.add(Info.of(name, type, state));
        health.put(name, status);
        return this;
    }

    TestRuntime refusedArchive(String fileName) {
        plugins.add(Info.of(fileName, PluginType.UNKNOWN, PluginState.REJECTED));
        health.put(fileName, HealthStatus.unknown("not active"));
        return this;
    }

    @Override
    public List<PluginInfo> plugins() {
        return List.copyOf(plugins);
    }

    @Override
    public HealthReport report() {
        return new Report(HealthStatus.Status.HEALTHY, List.of(), java.util.Collections.unmodifiableMap(new TreeMap<>(health)), Instant.now());
    }

    @Override
    public HealthStatus health(String pluginName) {
        return health.getOrDefault(pluginName, HealthStatus.unknown("not known"));
    }

    @Override
    public Optional<PluginInfo> plugin(String name) {
        return plugins.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    @Override
    public List<PluginInfo> plugins(PluginType type) {
        return plugins.stream().filter(p -> p.type() == type).toList();
    }

    @Override
    public <T> Optional<T> provider(Class<T> type) {
        throw new UnsupportedOperationException("the exporter asks for no providers");
    }

    @Override
    public <T> Optional<T> provider(Class<T> type, String versionRange) {
        throw new UnsupportedOperationException("the exporter asks for no providers");
    }

    @Override
    public <T> T providerProxy(Class<T> type) {
        throw new UnsupportedOperationException("the exporter asks for no providers");
    }

    @Override
    public AutoCloseable addStateListener(PluginStateListener listener) {
        throw new UnsupportedOperationException("the exporter listens to no state changes");
    }
}
