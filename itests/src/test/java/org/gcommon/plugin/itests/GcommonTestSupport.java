package org.gcommon.plugin.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import javax.inject.Inject;

import org.awaitility.core.ConditionFactory;
import org.gcommon.plugin.api.HealthService;
import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.PluginConstants;
import org.gcommon.plugin.api.PluginInfo;
import org.gcommon.plugin.api.PluginRegistry;
import org.gcommon.plugin.api.PluginState;
import org.junit.After;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * What every integration test shares: the framework's bundles, the runtime services under test, and
 * helpers to register plugins, configure them and wait for what a user would see.
 *
 * <p>The runtime bundles and the reactor's own bundles are installed from the jar paths that the
 * build passes as system properties ({@code gcommon.itest.bundle.*}), so the tests always run against
 * the jars this build just made.
 */
public abstract class GcommonTestSupport {

    /** Configuration PID of the plugin runtime itself. */
    protected static final String RUNTIME_PID = "org.gcommon.plugin.manager";

    /** How long anything asynchronous may take before a test gives up; generous for a busy 2-core machine. */
    protected static final Duration WAIT = Duration.ofSeconds(10);

    private static final String BUNDLE_PROPERTY_PREFIX = "gcommon.itest.bundle.";

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected PluginRegistry registry;

    @Inject
    protected HealthService healthService;

    @Inject
    protected ConfigurationAdmin configAdmin;

    private final Deque<ServiceRegistration<?>> registrations = new ArrayDeque<>();
    private final List<RecordingPlugin> plugins = new ArrayList<>();
    private final List<org.osgi.service.cm.Configuration> configurations = new ArrayList<>();

    @Configuration
    public Option[] configuration() {
        return options(
                junitBundles(),
                frameworkProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"),
                // Declarative Services and the compendium services the runtime uses
                buildBundle("function"),
                buildBundle("promise"),
                buildBundle("component"),
                buildBundle("scr"),
                buildBundle("configadmin"),
                buildBundle("eventadmin"),
                buildBundle("log"),
                buildBundle("metatype"),
                buildBundle("jackson-core"),
                buildBundle("jackson-annotations"),
                buildBundle("jackson-databind"),
                // the bundles under test, fresh from this build
                buildBundle("api"),
                buildBundle("manager"),
                // libraries the tests themselves use inside the framework
                buildBundle("hamcrest"),
                buildBundle("awaitility"),
                buildBundle("bytebuddy"),
                buildBundle("assertj"));
    }

    /**
     * @param key the suffix of a {@code gcommon.itest.bundle.*} system property set by the build
     * @return an option installing and starting the jar the property names
     */
    private static Option buildBundle(String key) {
        String property = BUNDLE_PROPERTY_PREFIX + key;
        String path = System.getProperty(property);
        if (path == null || path.isBlank() || path.startsWith("${")) {
            throw new IllegalStateException("System property " + property + " is not set: run the integration tests "
                    + "through Maven (mvn -B verify -pl itests -am), which passes the paths of the bundle jars to install");
        }
        File jar = new File(path);
        if (!jar.isFile()) {
            throw new IllegalStateException("Bundle jar " + jar.getAbsolutePath() + " (system property " + property
                    + ") does not exist: build it together with the tests (mvn -B verify -pl itests -am)");
        }
        return bundle(jar.toURI().toString());
    }

    @After
    public void removeWhatTheTestAdded() throws IOException {
        while (!registrations.isEmpty()) {
            unregister(registrations.pop());
        }
        plugins.forEach(RecordingPlugin::release);
        plugins.clear();
        for (org.osgi.service.cm.Configuration configuration : configurations) {
            try {
                configuration.delete();
            } catch (IllegalStateException e) {
                // already deleted by the test
            }
        }
        configurations.clear();
    }

    // --- plugins ---------------------------------------------------------------------------------

    /**
     * Registers a plugin as an OSGi {@link Plugin} service, as a plugin bundle's component would.
     *
     * @param plugin the plugin
     * @return its registration, unregistered after the test if the test does not do it
     */
    protected ServiceRegistration<?> registerPlugin(RecordingPlugin plugin) {
        return registerPlugin(plugin, Map.of());
    }

    /**
     * @param plugin the plugin
     * @param properties service properties, for example {@code service.ranking}
     * @return its registration, unregistered after the test if the test does not do it
     */
    protected ServiceRegistration<?> registerPlugin(RecordingPlugin plugin, Map<String, Object> properties) {
        plugins.add(plugin);
        return register(Plugin.class.getName(), plugin, properties);
    }

    /**
     * @return a registration of any service, unregistered after the test if the test does not do it
     */
    protected ServiceRegistration<?> register(String serviceInterface, Object service, Map<String, Object> properties) {
        ServiceRegistration<?> registration = bundleContext.registerService(serviceInterface, service,
                new Hashtable<>(properties));
        registrations.push(registration);
        return registration;
    }

    /** Unregisters a service; does nothing if it is already gone. */
    protected void unregister(ServiceRegistration<?> registration) {
        registrations.remove(registration);
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // already unregistered
        }
    }

    /**
     * Waits until the registry lists the plugin in the given state.
     *
     * @return the registry's view of the plugin in that state
     */
    protected PluginInfo awaitState(String pluginName, PluginState state) {
        return awaitState(pluginName, state, WAIT);
    }

    /**
     * @param atMost how long the plugin may take to get there
     * @return the registry's view of the plugin in that state
     */
    protected PluginInfo awaitState(String pluginName, PluginState state, Duration atMost) {
        eventually().atMost(atMost).untilAsserted(() -> assertThat(registry.plugin(pluginName))
                .as("plugin '%s' in the registry (all plugins: %s)", pluginName, describePlugins())
                .hasValueSatisfying(info -> assertThat(info.state()).isEqualTo(state)));
        return registry.plugin(pluginName).orElseThrow();
    }

    /**
     * @return the plugin entry, whatever name it is listed under, that is FAILED with an error mentioning the text
     */
    protected Optional<PluginInfo> failedEntryMentioning(String text) {
        return registry.plugins().stream()
                .filter(info -> info.state() == PluginState.FAILED)
                .filter(info -> info.lastError().orElse("").contains(text))
                .findFirst();
    }

    /** @return every listed plugin as "name version STATE (error)", for assertion messages */
    protected String describePlugins() {
        StringBuilder out = new StringBuilder("[");
        for (PluginInfo info : registry.plugins()) {
            out.append(out.length() > 1 ? ", " : "").append(info.name()).append(' ').append(info.version()).append(' ')
                    .append(info.state()).append(info.lastError().map(e -> " (" + e + ")").orElse(""));
        }
        return out.append(']').toString();
    }

    // --- configuration ---------------------------------------------------------------------------

    /**
     * Creates or replaces the configuration of PID {@code gcommon.plugin.<pluginName>}; it is deleted after the test.
     */
    protected void configurePlugin(String pluginName, Map<String, Object> properties) throws IOException {
        org.osgi.service.cm.Configuration configuration = configAdmin
                .getConfiguration(PluginConstants.configPid(pluginName), "?");
        configuration.update(new Hashtable<>(properties));
        configurations.add(configuration);
    }

    /**
     * Configures the plugin runtime (PID {@value #RUNTIME_PID}) and waits until it runs with the new values.
     * The runtime is a Declarative Services component, so its configuration shows in the service
     * properties of the {@link PluginRegistry} once it has been applied.
     */
    protected void configureRuntime(Map<String, Object> properties) throws IOException {
        org.osgi.service.cm.Configuration configuration = configAdmin.getConfiguration(RUNTIME_PID, "?");
        Dictionary<String, Object> current = configuration.getProperties();
        Hashtable<String, Object> updated = new Hashtable<>();
        if (current != null) {
            for (String key : java.util.Collections.list(current.keys())) {
                updated.put(key, current.get(key));
            }
        }
        updated.putAll(properties);
        configuration.update(updated);
        eventually().untilAsserted(() -> {
            ServiceReference<PluginRegistry> reference = bundleContext.getServiceReference(PluginRegistry.class);
            assertThat(reference).as("PluginRegistry service").isNotNull();
            for (Map.Entry<String, Object> entry : properties.entrySet()) {
                assertThat(String.valueOf(reference.getProperty(entry.getKey())))
                        .as("runtime setting %s", entry.getKey()).isEqualTo(String.valueOf(entry.getValue()));
            }
        });
    }

    // --- waiting ---------------------------------------------------------------------------------

    /** @return an Awaitility condition that polls often and gives up after {@link #WAIT} */
    protected static ConditionFactory eventually() {
        return await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(25));
    }

    /**
     * Calls something on another thread and fails the test if it does not answer in time.
     *
     * @param what a description of the call, for the failure message
     * @param bound the longest acceptable answer time
     * @param call the call
     * @return what the call returned
     */
    protected static <T> T answersWithin(String what, Duration bound, Supplier<T> call) throws InterruptedException {
        // A thread of its own: a call that hangs must not hold a shared pool's thread.
        CompletableFuture<T> answer = CompletableFuture.supplyAsync(call, task -> {
            Thread thread = new Thread(task, "itest-" + what);
            thread.setDaemon(true);
            thread.start();
        });
        try {
            return answer.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(what + " did not answer within " + bound.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " threw " + e.getCause(), e.getCause());
        }
    }
}
