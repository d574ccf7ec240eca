package org.gcommon.plugin.testkit;

import static org.gcommon.plugin.testkit.assertions.GcommonAssertions.assertThat;
import static org.gcommon.plugin.testkit.assertions.GcommonAssertions.assertThatPlugin;
import static org.gcommon.plugin.testkit.assertions.GcommonAssertions.assertThatThrownBy;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.options;

import javax.inject.Inject;

import org.gcommon.plugin.api.HealthService;
import org.gcommon.plugin.api.PluginRegistry;
import org.gcommon.plugin.api.PluginType;
import org.gcommon.plugin.testkit.exam.GcommonOptions;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The options a plugin author uses: the runtime from the class path, and a plugin bundle, in a few lines. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GcommonOptionsIT {

    @Inject
    PluginRegistry registry;

    @Inject
    HealthService health;

    @Configuration
    public Option[] configuration() {
        return options(GcommonOptions.runtime(), bundle(TestBundles.clockPlugin().toUri().toString()));
    }

    @Test
    public void runsAPluginBundleInTheRuntime() {
        assertThatPlugin("clock", registry, health).becomesActive().becomesHealthy();

        assertThat(registry.plugin("clock").orElseThrow()).hasType(PluginType.PROVIDER);
    }

    @Test
    public void failsWithTheRegistryListingWhenAPluginNeverComes() {
        assertThatThrownBy(
                () -> assertThatPlugin("absent", registry, health).within(java.time.Duration.ofMillis(200)).becomesActive())
                .isInstanceOf(AssertionError.class).hasMessageContaining("Expected plugin 'absent' to become ACTIVE within 200 ms, but it is not listed")
                .hasMessageContaining("clock");
    }
}
