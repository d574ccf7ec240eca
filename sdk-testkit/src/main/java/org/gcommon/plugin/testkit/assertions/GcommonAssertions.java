package org.gcommon.plugin.testkit.assertions;

import org.assertj.core.api.Assertions;
import org.gcommon.plugin.api.HealthService;
import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.PluginInfo;
import org.gcommon.plugin.api.PluginRegistry;
import org.gcommon.plugin.testkit.TestedPlugin;

/**
 * Entry point of the gcommon assertions, with every AssertJ assertion inherited:
 * <pre>
 * import static org.gcommon.plugin.testkit.assertions.GcommonAssertions.assertThat;
 *
 * assertThat(greeter).isActive().isHealthy();                     // a plugin in the harness
 * assertThat(greeter.health()).isHealthy().hasDetail("greetings", 0L);
 * assertThatPlugin("greeter", registry, health).becomesActive().becomesHealthy();   // in a container
 * </pre>
 */
public class GcommonAssertions extends Assertions {

    /** Only static methods; a subclass may add its own entry points. */
    protected GcommonAssertions() {
    }

    /**
     * @param actual a plugin run by the harness
     * @return assertions on its state, last error, health, log and events
     */
    public static TestedPluginAssert assertThat(TestedPlugin<?> actual) {
        return new TestedPluginAssert(actual);
    }

    /**
     * @param actual a health status
     * @return assertions on its status, message and details
     */
    public static HealthStatusAssert assertThat(HealthStatus actual) {
        return new HealthStatusAssert(actual);
    }

    /**
     * @param actual a registry entry
     * @return assertions on its state, type and last error
     */
    public static PluginInfoAssert assertThat(PluginInfo actual) {
        return new PluginInfoAssert(actual);
    }

    /**
     * Assertions on a plugin in a running container (a Pax Exam test, or any code with the runtime's
     * services), that wait for the plugin to get there: the runtime starts plugins asynchronously.
     *
     * @param pluginName the plugin's name
     * @param registry the runtime's plugin registry
     * @param health the runtime's health service
     * @return the waiting assertions, 10 s at most each unless {@link ContainerPluginAssert#within} says otherwise
     */
    public static ContainerPluginAssert assertThatPlugin(String pluginName, PluginRegistry registry, HealthService health) {
        return new ContainerPluginAssert(pluginName, registry, health);
    }
}
