package org.gcommon.plugin.itests;

import static org.assertj.core.api.Assertions.assertThat;

import org.gcommon.plugin.api.PluginInfo;
import org.gcommon.plugin.api.PluginState;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** Plugin names are checked before any plugin code runs: invalid and duplicate names end FAILED, with the reason. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PluginNamingIT extends GcommonTestSupport {

    @Test
    public void pluginWithAnInvalidNameEndsFailedNamingTheRuleAndIsNeverStarted() {
        RecordingPlugin valid = new RecordingPlugin("well-named-plugin");
        RecordingPlugin invalid = new RecordingPlugin("Not A Valid Name!");

        registerPlugin(valid);
        registerPlugin(invalid);

        eventually().untilAsserted(() -> assertThat(failedEntryMentioning("Not A Valid Name!"))
                .as("a FAILED entry naming the invalid name, among %s", describePlugins()).isPresent());
        PluginInfo failed = failedEntryMentioning("Not A Valid Name!").orElseThrow();
        assertThat(failed.lastError()).hasValueSatisfying(error -> assertThat(error).containsIgnoringCase("invalid name")
                .contains("lower case letters"));
        assertThat(failed.reasons()).as("reasons").isNotEmpty();
        assertThat(invalid.methods()).as("lifecycle calls made to the plugin with the invalid name").isEmpty();

        awaitState("well-named-plugin", PluginState.ACTIVE);
        assertThat(valid.methods()).containsExactly("initialize", "start");
    }

    @Test
    public void secondPluginWithTheSameNameEndsFailedWhileTheFirstStaysActive() {
        RecordingPlugin first = new RecordingPlugin("unique-plugin", "1.0.0");
        registerPlugin(first);
        awaitState("unique-plugin", PluginState.ACTIVE);

        RecordingPlugin second = new RecordingPlugin("unique-plugin", "2.0.0");
        registerPlugin(second);

        eventually().untilAsserted(() -> assertThat(failedEntryMentioning("'unique-plugin'"))
                .as("a FAILED entry for the second 'unique-plugin', among %s", describePlugins()).isPresent());
        PluginInfo duplicate = failedEntryMentioning("'unique-plugin'").orElseThrow();
        assertThat(duplicate.lastError()).hasValueSatisfying(
                error -> assertThat(error).containsPattern("(?i)already|duplicate"));
        assertThat(duplicate.reasons()).as("reasons").isNotEmpty();
        assertThat(second.methods()).as("lifecycle calls made to the duplicate").isEmpty();

        PluginInfo original = registry.plugin("unique-plugin").orElseThrow();
        assertThat(original.state()).isEqualTo(PluginState.ACTIVE);
        assertThat(original.version()).isEqualTo("1.0.0");
        assertThat(first.methods()).as("lifecycle calls made to the first plugin").containsExactly("initialize", "start");
    }
}
