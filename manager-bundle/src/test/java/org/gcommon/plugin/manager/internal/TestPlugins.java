package org.gcommon.plugin.manager.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.PluginException;
import org.gcommon.plugin.api.ProviderPlugin;

/** Small plugins with scripted behaviour for the runtime's unit tests. */
final class TestPlugins {

    private TestPlugins() {
    }

    /** Records every call; can be told to throw or hang in a method. */
    static class Scripted implements Plugin {
        final String name;
        final String version;
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile Map<String, Object> config;
        volatile String throwIn = "";
        volatile String hangIn = "";
        volatile boolean interrupted;
        volatile HealthStatus health = HealthStatus.healthy("fine");
        final CountDownLatch release = new CountDownLatch(1);

        Scripted(String name, String version) {
            this.name = name;
            this.version = version;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String version() {
            return version;
        }

        @Override
        public void initialize(Map<String, Object> config) throws PluginException {
            calls.add("initialize");
            this.config = config;
            act("initialize");
        }

        @Override
        public void start(PluginContext context) throws PluginException {
            calls.add("start");
            act("start");
        }

        @Override
        public void stop(PluginContext context) throws PluginException {
            calls.add("stop");
            act("stop");
        }

        @Override
        public HealthStatus health() {
            if (hangIn.equals("health")) {
                awaitRelease();
            }
            if (throwIn.equals("health")) {
                throw new IllegalStateException("health exploded");
            }
            return health;
        }

        private void act(String method) throws PluginException {
            if (throwIn.equals(method)) {
                throw new PluginException(method + " refused: port 'abc' is not a number");
            }
            if (hangIn.equals(method)) {
                awaitRelease();
            }
        }

        private void awaitRelease() {
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted = true;
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A provider of {@link Greeter}. */
    static final class GreeterProvider extends Scripted implements ProviderPlugin<Greeter> {
        GreeterProvider(String name, String version) {
            super(name, version);
        }

        @Override
        public Class<Greeter> providerType() {
            return Greeter.class;
        }

        @Override
        public Greeter provider() {
            return () -> "hello from " + name + " " + version;
        }
    }

    interface Greeter {
        String greet();
    }
}
