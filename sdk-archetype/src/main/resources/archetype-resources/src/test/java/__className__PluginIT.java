package ${package};

import static org.gcommon.plugin.testkit.assertions.GcommonAssertions.assertThatPlugin;
import static org.ops4j.pax.exam.CoreOptions.options;

import javax.inject.Inject;

import org.gcommon.plugin.api.HealthService;
import org.gcommon.plugin.api.PluginRegistry;
import org.gcommon.plugin.testkit.exam.GcommonOptions;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The plugin in a real container: Felix with the gcommon runtime and the jar this build made (run by
 * {@code mvn verify}, after the unit tests and the jar). It checks what the unit test cannot: the
 * manifest, the Declarative Services component and the wiring to the runtime.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ${className}PluginIT {

    @Inject
    PluginRegistry registry;

    @Inject
    HealthService health;

    @Configuration
    public Option[] configuration() {
        return options(GcommonOptions.runtime(), GcommonOptions.bundleUnderTest());
    }

    @Test
    public void isActiveAndHealthyInTheContainer() {
        assertThatPlugin("${pluginName}", registry, health).becomesActive().becomesHealthy();
    }
}
