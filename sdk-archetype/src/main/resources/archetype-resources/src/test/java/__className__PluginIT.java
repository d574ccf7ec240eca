package ${package};

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
 * The plugin in a real container: Felix with the gcommon runtime, its sandbox, and the jar this build
 * made deployed as a plugin (run by {@code mvn verify}, after the unit tests and the jar). It checks what
 * the unit test cannot: the manifest, the Declarative Services component, the wiring to the runtime, and
 * that {@code OSGI-INF/permissions.perm} declares everything the plugin does.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ${className}PluginIT {

    @Inject
    PluginRegistry registry;

    @Inject
    HealthService health;

    @Inject
    PluginPermissions permissions;

    @Configuration
    public Option[] configuration() {
        return options(GcommonOptions.runtime(), GcommonOptions.sandbox(), GcommonOptions.deployedBundleUnderTest());
    }

    @Test
    public void isActiveAndHealthyInTheSandboxedContainer() {
        assertThatPlugin("${pluginName}", registry, health).becomesActive().becomesHealthy().hasNoDenials(permissions);
    }
}
