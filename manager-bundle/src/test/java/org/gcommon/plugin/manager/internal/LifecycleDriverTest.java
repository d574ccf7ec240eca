package org.gcommon.plugin.manager.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gcommon.plugin.api.PluginState.ACTIVE;
import static org.gcommon.plugin.api.PluginState.FAILED;
import static org.gcommon.plugin.api.PluginState.INITIALIZED;
import static org.gcommon.plugin.api.PluginState.RESOLVED;
import static org.gcommon.plugin.api.PluginState.STARTING;
import static org.gcommon.plugin.api.PluginState.STOPPED;
import static org.gcommon.plugin.api.PluginState.STOPPING;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import org.gcommon.plugin.api.PluginLogger;
import org.gcommon.plugin.api.PluginRegistry;
import org.gcommon.plugin.api.event.PluginEvent;
import org.gcommon.plugin.api.event.PluginEvents;
import org.gcommon.plugin.api.middleware.Exchange;
import org.gcommon.plugin.api.middleware.Middleware;
import org.gcommon.plugin.api.middleware.MiddlewarePlugin;
import org.gcommon.plugin.api.middleware.Request;
import org.gcommon.plugin.api.PluginState;
import org.gcommon.plugin.api.PluginStateEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;

class LifecycleDriverTest {

    @TempDir
    Path data;

    private final ExecutorService pool = DaemonThreads.elasticPool("test-");
    private final PluginTable table = new PluginTable();
    private final Map<String, Map<String, Object>> configs = new HashMap<>();
    private final List<PluginStateEvent> events = new CopyOnWriteArrayList<>();
    private final AtomicLong serviceIds = new AtomicLong(100);
    private volatile Settings settings = Settings.DEFAULTS;
    private LifecycleDriver driver;
    final MiddlewareRuntime middleware = new MiddlewareRuntime();
    final ExtensionRuntime extensions = new ExtensionRuntime();

    private LifecycleDriver driver() {
        if (driver == null) {
            StateEvents stateEvents = new StateEvents(pool, m -> {
            });
            stateEvents.add(events::add);
            PluginEnvironment env = new PluginEnvironment() {
                @Override
                public Map<String, Object> configuration(String pluginName) {
                    return configs.getOrDefault(pluginName, Map.of());
                }

                @Override
                public Path dataDirectory(ManagedPlugin plugin) {
                    return data;
                }

                @Override
                public PluginEvents events(ManagedPlugin plugin) {
                    return new PluginEvents() {
                        public String ownTopicPrefix() {
                            return PluginEvents.TOPIC_PREFIX + plugin.name() + "/";
                        }

                        public void publish(String topic, Object payload) {
                        }

                        public AutoCloseable subscribe(String filter, java.util.function.Consumer<PluginEvent> h) {
                            return () -> {
                            };
                        }
                    };
                }

                @Override
                public PluginRegistry registry() {
                    return null;
                }

                @Override
                public PluginLogger logger(ManagedPlugin plugin) {
                    return new PluginLogger() {
                        public void debug(String f, Object... a) {
                        }

                        public void info(String f, Object... a) {
                        }

                        public void warn(String f, Object... a) {
                        }

                        public void error(String f, Object... a) {
                        }
                    };
                }
            };
            driver = new LifecycleDriver(table, new TimedCalls(pool), env, stateEvents, () -> settings,
                    Clock.systemUTC(), List.of(new ProviderRuntime(table, () -> settings), middleware, extensions));
        }
        return driver;
    }

    @AfterEach
    void shutdown() {
        pool.shutdownNow();
    }

    private ManagedPlugin register(TestPlugins.Scripted plugin) {
        ManagedPlugin managed = new ManagedPlugin(new ManagedPlugin.Origin(serviceIds.incrementAndGet(), 7, "test.bundle",
                "1.0.0", "gcommon:deploy/test.jar", 0), new SerialLane(pool), plugin);
        table.register(managed);
        return managed;
    }

    private List<PluginState> statesOf(String name) {
        List<PluginState> out = new ArrayList<>();
        for (PluginStateEvent e : events) {
            if (e.pluginName().equals(name)) {
                out.add(e.to());
            }
        }
        return out;
    }

    @Test
    void configuredPluginIsInitializedThenStartedAndStatesArriveInOrder() {
        configs.put("cache", Map.of("ttl.seconds", "60"));
        TestPlugins.Scripted plugin = new TestPlugins.Scripted("cache", "1.0.0");
        ManagedPlugin managed = register(plugin);

        driver().admit(managed);

        assertThat(managed.state()).isEqualTo(ACTIVE);
        assertThat(plugin.config).containsEntry("ttl.seconds", "60");
        assertThat(plugin.calls).containsExactly("initialize", "start");
        await().untilAsserted(() -> assertThat(statesOf("cache")).containsExactly(RESOLVED, INITIALIZED, STARTING, ACTIVE));

        driver().retire(managed);
        assertThat(managed.state()).isEqualTo(STOPPED);
        await().untilAsserted(() -> assertThat(statesOf("cache")).endsWith(ACTIVE, STOPPING, STOPPED));
    }

    @Test
    void pluginThatThrowsInStartFailsWithItsMessageAndOthersRun() {
        TestPlugins.Scripted bad = new TestPlugins.Scripted("bad", "1.0.0");
        bad.throwIn = "start";
        TestPlugins.Scripted good = new TestPlugins.Scripted("good", "1.0.0");
        ManagedPlugin badManaged = register(bad);
        ManagedPlugin goodManaged = register(good);

        driver().admit(badManaged);
        driver().admit(goodManaged);

        assertThat(badManaged.state()).isEqualTo(FAILED);
        assertThat(badManaged.lastError()).contains("start() of plugin 'bad' failed").contains("port 'abc' is not a number");
        assertThat(goodManaged.state()).isEqualTo(ACTIVE);
    }

    @Test
    void pluginThatHangsInStartFailsAfterTheTimeoutAndIsInterrupted() {
        settings = new Settings(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ZERO);
        TestPlugins.Scripted hung = new TestPlugins.Scripted("hung", "1.0.0");
        hung.hangIn = "start";
        ManagedPlugin managed = register(hung);

        driver().admit(managed);

        assertThat(managed.state()).isEqualTo(FAILED);
        assertThat(managed.lastError()).contains("did not return within 200 ms").contains("lifecycle.timeout.ms");
        await().until(() -> hung.interrupted);
    }

    @Test
    void reconfigureRestartsWithTheNewConfiguration() {
        configs.put("cache", Map.of("size", "1"));
        TestPlugins.Scripted plugin = new TestPlugins.Scripted("cache", "1.0.0");
        ManagedPlugin managed = register(plugin);
        driver().admit(managed);

        configs.put("cache", Map.of("size", "2"));
        driver().reconfigure(managed);

        assertThat(plugin.calls).containsExactly("initialize", "start", "stop", "initialize", "start");
        assertThat(plugin.config).containsEntry("size", "2");
        assertThat(managed.state()).isEqualTo(ACTIVE);
    }

    @Test
    void failedPluginIsRetriedOnReconfiguration() {
        TestPlugins.Scripted plugin = new TestPlugins.Scripted("picky", "1.0.0");
        plugin.throwIn = "initialize";
        ManagedPlugin managed = register(plugin);
        driver().admit(managed);
        assertThat(managed.state()).isEqualTo(FAILED);

        plugin.throwIn = "";
        driver().reconfigure(managed);

        assertThat(managed.state()).isEqualTo(ACTIVE);
    }

    @Test
    void duplicateAndInvalidNamesFailWhileTheFirstKeepsRunning() {
        ManagedPlugin first = register(new TestPlugins.Scripted("cache", "1.0.0"));
        ManagedPlugin second = register(new TestPlugins.Scripted("cache", "2.0.0"));
        ManagedPlugin invalid = register(new TestPlugins.Scripted("Not A Name", "1.0.0"));
        ManagedPlugin badVersion = register(new TestPlugins.Scripted("versioned", "one"));

        driver().admit(first);
        driver().admit(second);
        driver().admit(invalid);
        driver().admit(badVersion);

        assertThat(first.state()).isEqualTo(ACTIVE);
        assertThat(second.state()).isEqualTo(FAILED);
        assertThat(second.lastError()).contains("Another plugin already uses the name 'cache'");
        assertThat(invalid.state()).isEqualTo(FAILED);
        assertThat(invalid.lastError()).contains("invalid name 'Not A Name'");
        assertThat(badVersion.lastError()).contains("invalid version 'one'");
        assertThat(table.listing()).extracting(Map.Entry::getKey).contains("cache", "cache-duplicate-" + second.origin.serviceId());
    }

    @Test
    void nameIsFreedWhenTheHolderIsGone() {
        ManagedPlugin first = register(new TestPlugins.Scripted("cache", "1.0.0"));
        driver().admit(first);
        driver().retire(first);
        table.unregister(first.origin.serviceId());

        ManagedPlugin next = register(new TestPlugins.Scripted("cache", "1.1.0"));
        driver().admit(next);

        assertThat(next.state()).isEqualTo(ACTIVE);
        assertThat(table.byName("cache")).isSameAs(next);
    }

    static final class TagMiddleware extends TestPlugins.Scripted implements MiddlewarePlugin {
        TagMiddleware(String name) {
            super(name, "1.0.0");
        }

        @Override
        public Middleware middleware() {
            return (exchange, next) -> {
                exchange.response().headers().add("X-Seen", name);
                next.proceed(exchange);
            };
        }
    }

    @Test
    void providerIsFetchedBeforeActiveAndWithdrawnBeforeStop() {
        TestPlugins.GreeterProvider provider = new TestPlugins.GreeterProvider("greeter", "1.0.0");
        ManagedPlugin managed = register(provider);

        driver().admit(managed);

        assertThat(managed.providerType()).isEqualTo(TestPlugins.Greeter.class);
        assertThat(((TestPlugins.Greeter) managed.providerInstance()).greet()).isEqualTo("hello from greeter 1.0.0");
        assertThat(ProviderSelector.best(table.registered(), TestPlugins.Greeter.class, null)).contains(managed);
        driver().retire(managed);
        assertThat(ProviderSelector.best(table.registered(), TestPlugins.Greeter.class, null)).isEmpty();
    }

    @Test
    void middlewareJoinsTheChainWhenActiveAndLeavesBeforeStop() {
        ManagedPlugin tag = register(new TagMiddleware("tagger"));
        driver().admit(tag);
        assertThat(middleware.middleware(MiddlewarePlugin.DEFAULT_CHAIN)).containsExactly("tagger");

        Exchange exchange = new Exchange(new Request("GET", "/echo", null, null));
        middleware.execute(MiddlewarePlugin.DEFAULT_CHAIN, exchange, ex -> ex.response().text("text/plain", "ok"));
        assertThat(exchange.response().headers().all("X-Seen")).containsExactly("tagger");

        driver().retire(tag);
        assertThat(middleware.middleware(MiddlewarePlugin.DEFAULT_CHAIN)).isEmpty();
    }

    @Test
    void aPluginsOwnTimeoutOverridesTheDefault() {
        settings = new Settings(Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ZERO,
                Map.of("impatient.lifecycle.timeout.ms", Duration.ofMillis(150)));
        TestPlugins.Scripted hung = new TestPlugins.Scripted("impatient", "1.0.0");
        hung.hangIn = "start";
        ManagedPlugin managed = register(hung);

        driver().admit(managed);

        assertThat(managed.state()).isEqualTo(FAILED);
        assertThat(managed.lastError()).contains("did not return within 150 ms");
        hung.release.countDown();
    }
}
