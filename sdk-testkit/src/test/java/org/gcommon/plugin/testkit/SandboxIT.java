package org.gcommon.plugin.testkit;

import static org.gcommon.plugin.testkit.assertions.GcommonAssertions.assertThat;
import static org.gcommon.plugin.testkit.assertions.GcommonAssertions.assertThatPlugin;
import static org.ops4j.pax.exam.CoreOptions.options;

import javax.inject.Inject;

import org.gcommon.plugin.api.HealthService;
import org.gcommon.plugin.api.PluginRegistry;
import org.gcommon.plugin.api.security.PluginPermissions;
import org.gcommon.plugin.testkit.exam.GcommonOptions;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Plugins deployed into a sandboxed container test, as into a container: scanned, installed as plugins
 * once the sandbox holds, and confined by it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SandboxIT {

    @Inject
    PluginRegistry registry;

    @Inject
    HealthService health;

    @Inject
    PluginPermissions permissions;

    @Configuration
    public Option[] configuration() {
        return options(GcommonOptions.runtime(), GcommonOptions.sandbox(),
                GcommonOptions.deployed(TestBundles.clockPlugin(), TestBundles.nosyPlugin()));
    }

    @Test
    public void runsADeployedPluginUnderTheEnforcedSandbox() {
        assertThatPlugin("clock", registry, health).becomesActive().becomesHealthy().hasNoDenials(permissions);

        assertThat(permissions.enforced()).as("sandbox enforced: %s", permissions.enforcement()).isTrue();
        assertThat(registry.plugin("clock").orElseThrow().location()).startsWith("gcommon:");
    }

    @Test
    public void reportsWhatThePluginWasDenied() {
        assertThatPlugin("nosy", registry, health).becomesActive().wasDenied(permissions, "user.home");

        assertThat(health.health("nosy")).hasMessageContaining("denied");
    }
}
