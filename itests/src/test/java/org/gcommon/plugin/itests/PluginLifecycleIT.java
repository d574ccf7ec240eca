package org.gcommon.plugin.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.PluginConstants;
import org.gcommon.plugin.api.PluginInfo;
import org.gcommon.plugin.api.PluginState;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** A plugin service is configured, started and restarted on configuration changes; a failing one is contained. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PluginLifecycleIT extends GcommonTestSupport {

    @Test
    public void pluginIsInitializedWithItsConfigurationThenStartedAndRestartedWhenTheConfigurationChanges()
            throws Exception {
        configurePlugin("greeting-plugin", Map.of("greeting", "hello", "repeat", 3));
        RecordingPlugin plugin = new RecordingPlugin("greeting-plugin");

        registerPlugin(plugin);

        awaitState("greeting-plugin", PluginState.ACTIVE);
        assertThat(plugin.methods()).as("lifecycle calls").startsWith("initialize", "start");
        assertThat(plugin.configurations().get(0)).as("configuration given to initialize")
                .containsEntry("greeting", "hello").containsEntry("repeat", 3);

        configurePlugin("greeting-plugin", Map.of("greeting", "bonjour", "repeat", 5));

        eventually().untilAsserted(() -> {
            List<RecordingPlugin.Call> calls = plugin.calls();
            assertThat(calls).as("lifecycle calls").hasSizeGreaterThanOrEqualTo(5);
            List<RecordingPlugin.Call> restart = calls.subList(calls.size() - 3, calls.size());
            assertThat(restart).extracting(RecordingPlugin.Call::method).containsExactly("stop", "initialize", "start");
            assertThat(restart.get(1).config()).as("configuration given to initialize after the change")
                    .containsEntry("greeting", "bonjour").containsEntry("repeat", 5);
        });
        PluginInfo info = awaitState("greeting-plugin", PluginState.ACTIVE);
        assertThat(info.version()).isEqualTo("1.0.0");
        assertThat(info.lastError()).isEmpty();
    }

    @Test
    public void deletingThePluginsConfigurationRestartsItWithAnEmptyOne() throws Exception {
        configurePlugin("cache-plugin", Map.of("size", 100));
        RecordingPlugin plugin = new RecordingPlugin("cache-plugin");
        registerPlugin(plugin);
        awaitState("cache-plugin", PluginState.ACTIVE);
        assertThat(plugin.configurations().get(0)).containsEntry("size", 100);

        configAdmin.getConfiguration(PluginConstants.configPid("cache-plugin"), "?").delete();

        eventually().untilAsserted(() -> {
            List<RecordingPlugin.Call> calls = plugin.calls();
            assertThat(calls).as("lifecycle calls").hasSizeGreaterThanOrEqualTo(5);
            List<RecordingPlugin.Call> restart = calls.subList(calls.size() - 3, calls.size());
            assertThat(restart).extracting(RecordingPlugin.Call::method).containsExactly("stop", "initialize", "start");
            assertThat(restart.get(1).config()).as("configuration given to initialize after the deletion").isEmpty();
        });
        awaitState("cache-plugin", PluginState.ACTIVE);
    }

    @Test
    public void pluginThatThrowsInStartEndsFailedWithItsErrorWhileAnotherStaysActive() {
        RecordingPlugin steady = new RecordingPlugin("steady-plugin");
        RecordingPlugin failing = new RecordingPlugin("failing-plugin")
                .throwingInStart("cannot reach db.example.org:5432; set db.url in etc/failing-plugin.cfg");

        registerPlugin(steady);
        registerPlugin(failing);

        PluginInfo failed = awaitState("failing-plugin", PluginState.FAILED);
        assertThat(failed.lastError()).hasValueSatisfying(
                error -> assertThat(error).contains("cannot reach db.example.org:5432; set db.url in etc/failing-plugin.cfg"));
        assertThat(failed.reasons()).as("reasons of a FAILED plugin").isNotEmpty();

        awaitState("steady-plugin", PluginState.ACTIVE);
        assertThat(steady.methods()).containsExactly("initialize", "start");
        assertThat(steady.configurations().get(0)).as("configuration of a plugin that has none").isEmpty();
        assertThat(healthService.health("steady-plugin").status()).isEqualTo(HealthStatus.Status.HEALTHY);
        assertThat(registry.plugin("steady-plugin").orElseThrow().state())
                .as("the steady plugin, after the other failed").isEqualTo(PluginState.ACTIVE);
    }
}
