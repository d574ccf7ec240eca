package ${package};

import static org.gcommon.plugin.testkit.assertions.GcommonAssertions.assertThat;
import static org.gcommon.plugin.testkit.assertions.GcommonAssertions.assertThatIllegalArgumentException;

import java.util.Map;

import ${package}.api.${className};
import org.gcommon.plugin.testkit.PluginHarness;
import org.gcommon.plugin.testkit.TestedPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The plugin's lifecycle as the container runs it, in milliseconds: configuration, start, health, stop. */
class ${className}PluginTest {

    @RegisterExtension
    final PluginHarness harness = new PluginHarness();

    @Test
    void providesGreetingsWithTheConfiguredGreeting() {
        TestedPlugin<${className}Plugin> plugin = harness.start(new ${className}Plugin(), Map.of("greeting", "Hi"));

        ${className} provided = harness.registry().provider(${className}.class).orElseThrow();

        assertThat(provided.greet("Ada")).isEqualTo("Hi, Ada");
        assertThat(plugin).isActive().isHealthy();
        assertThat(plugin.health()).hasDetail("greetings", 1L);
    }

    @Test
    void refusesNamesLongerThanConfigured() {
        harness.start(new ${className}Plugin(), Map.of("maxNameLength", "3"));
        ${className} provided = harness.registry().provider(${className}.class).orElseThrow();

        assertThatIllegalArgumentException().isThrownBy(() -> provided.greet("Grace")).withMessageContaining("1 to 3");
    }

    @Test
    void aBadConfigurationLeavesThePluginFailedWithTheKeyToFix() {
        TestedPlugin<${className}Plugin> plugin = harness.start(new ${className}Plugin(), Map.of("maxNameLength", "many"));

        assertThat(plugin).isFailed().hasLastErrorContaining("'maxNameLength'").hasLastErrorContaining("'many'");
    }

    @Test
    void stopsAndIsNoLongerProvided() {
        TestedPlugin<${className}Plugin> plugin = harness.start(new ${className}Plugin());

        plugin.stop();

        assertThat(plugin).isStopped();
        assertThat(harness.registry().provider(${className}.class)).isEmpty();
    }
}
