package org.gcommon.plugin.testkit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gcommon.plugin.api.PluginInfo;
import org.gcommon.plugin.api.PluginRegistry;
import org.gcommon.plugin.api.PluginState;
import org.gcommon.plugin.api.PluginStateEvent;
import org.gcommon.plugin.api.PluginStateListener;
import org.gcommon.plugin.api.PluginType;
import org.gcommon.plugin.api.ProviderPlugin;
import org.gcommon.plugin.api.extension.ExtensionPlugin;
import org.gcommon.plugin.api.integration.IntegrationPlugin;
import org.gcommon.plugin.api.middleware.MiddlewarePlugin;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/**
 * The {@link PluginRegistry} of a {@link PluginHarness}: it lists the plugins under test, hands out the
 * providers of the active provider plugins under test, and stand-ins a test adds with
 * {@link #provide(Class, Object)} for the plugins the plugin under test calls.
 */
public final class TestRegistry implements PluginRegistry {

    private final PluginHarness harness;
    private final Map<Class<?>, Object> standIns = new ConcurrentHashMap<>();
    private final List<PluginStateListener> listeners = new CopyOnWriteArrayList<>();

    TestRegistry(PluginHarness harness) {
        this.harness = harness;
    }

    /**
     * Adds a provider of a type, as if another plugin provided it; plugins under test that provide the
     * same type take precedence while active.
     *
     * @param <T> the provided type
     * @param type the provided type
     * @param provider the implementation
     * @return this
     */
    public <T> TestRegistry provide(Class<T> type, T provider) {
        standIns.put(Objects.requireNonNull(type, "type"), type.cast(Objects.requireNonNull(provider, "provider")));
        return this;
    }

    /**
     * @param type a provided type
     * @return this, without the stand-in of that type
     */
    public TestRegistry withdraw(Class<?> type) {
        standIns.remove(type);
        return this;
    }

    @Override
    public List<PluginInfo> plugins() {
        return harness.plugins().stream().map(TestRegistry::info).sorted(Comparator.comparing(PluginInfo::name)).toList();
    }

    @Override
    public Optional<PluginInfo> plugin(String name) {
        return harness.plugin(name).map(TestRegistry::info);
    }

    @Override
    public List<PluginInfo> plugins(PluginType type) {
        return plugins().stream().filter(p -> p.type() == type).toList();
    }

    @Override
    public <T> Optional<T> provider(Class<T> type) {
        return provider(type, (VersionRange) null);
    }

    @Override
    public <T> Optional<T> provider(Class<T> type, String versionRange) {
        VersionRange range;
        try {
            range = versionRange.startsWith("[") || versionRange.startsWith("(") ? new VersionRange(versionRange)
                    : new VersionRange(VersionRange.LEFT_CLOSED, Version.parseVersion(versionRange), null,
                            VersionRange.RIGHT_OPEN);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid version range '" + versionRange + "': use an OSGi range such as "
                    + "[1.0,2.0) or a version such as 1.2", e);
        }
        return provider(type, range);
    }

    private <T> Optional<T> provider(Class<T> type, VersionRange range) {
        Objects.requireNonNull(type, "type");
        List<TestedPlugin<?>> candidates = new ArrayList<>();
        for (TestedPlugin<?> p : harness.plugins()) {
            if (p.state() == PluginState.ACTIVE && p.plugin() instanceof ProviderPlugin<?> pp
                    && type.equals(pp.providerType())
                    && (range == null || range.includes(Version.parseVersion(p.version())))) {
                candidates.add(p);
            }
        }
        candidates.sort(Comparator.comparing((TestedPlugin<?> p) -> Version.parseVersion(p.version())).reversed());
        for (TestedPlugin<?> p : candidates) {
            Optional<Object> provided = p.provided();
            if (provided.isPresent() && type.isInstance(provided.get())) {
                return Optional.of(type.cast(provided.get()));
            }
        }
        return range == null ? Optional.ofNullable(type.cast(standIns.get(type))) : Optional.empty();
    }

    @Override
    public <T> T providerProxy(Class<T> type) {
        if (!type.isInterface()) {
            throw new IllegalArgumentException("Cannot make a stand-in for " + type.getName() + ": it is not an interface");
        }
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    default -> "stand-in for the best provider of " + type.getName();
                };
            }
            T target = provider(type).orElseThrow(() -> new IllegalStateException("No active provider of "
                    + type.getName() + ": start a provider plugin in the harness or add one with registry().provide()"));
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
        return type.cast(proxy);
    }

    @Override
    public AutoCloseable addStateListener(PluginStateListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    void fire(PluginStateEvent event) {
        for (PluginStateListener listener : listeners) {
            try {
                listener.stateChanged(event);
            } catch (RuntimeException e) {
                // as in the runtime: a listener that throws keeps receiving events
            }
        }
    }

    private static PluginInfo info(TestedPlugin<?> p) {
        return new Snapshot(p.name(), p.version(), typeOf(p), p.state(), p.stateSince(), p.lastError(),
                p.lastError().map(List::of).orElse(List.of()),
                p.plugin() instanceof ProviderPlugin<?> pp ? Optional.ofNullable(safeTypeName(pp)) : Optional.empty());
    }

    private static String safeTypeName(ProviderPlugin<?> plugin) {
        try {
            Class<?> type = plugin.providerType();
            return type == null ? null : type.getName();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static PluginType typeOf(TestedPlugin<?> p) {
        Object plugin = p.plugin();
        if (plugin instanceof ProviderPlugin) {
            return PluginType.PROVIDER;
        }
        if (plugin instanceof MiddlewarePlugin) {
            return PluginType.MIDDLEWARE;
        }
        if (plugin instanceof ExtensionPlugin) {
            return PluginType.EXTENSION;
        }
        if (plugin instanceof IntegrationPlugin) {
            return PluginType.INTEGRATION;
        }
        return PluginType.GENERIC;
    }

    private record Snapshot(String name, String version, PluginType type, PluginState state, Instant stateSince,
            Optional<String> lastError, List<String> reasons, Optional<String> providerType) implements PluginInfo {

        @Override
        public long bundleId() {
            return -1;
        }

        @Override
        public String symbolicName() {
            return "";
        }

        @Override
        public String location() {
            return "testkit:" + name;
        }

        @Override
        public int ranking() {
            return 0;
        }
    }
}
