package org.gcommon.plugin.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.gcommon.plugin.api.PluginInfo;
import org.gcommon.plugin.api.PluginState;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** A lifecycle call that overruns the configured timeout fails the plugin, cancels its context and interrupts it. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LifecycleTimeoutIT extends GcommonTestSupport {

    /** Well below the 10 s default, so that only the configured timeout can explain a FAILED state in time. */
    private static final long LIFECYCLE_TIMEOUT_MS = 500;

    @Before
    public void shortLifecycleTimeout() throws Exception {
        configureRuntime(Map.of("lifecycle.timeout.ms", LIFECYCLE_TIMEOUT_MS));
    }

    @Test
    public void pluginThatHangsInStartEndsFailedAfterTheTimeoutAndIsInterrupted() {
        RecordingPlugin hanging = new RecordingPlugin("hanging-plugin").hangingInStart();

        registerPlugin(hanging);

        PluginInfo failed = awaitState("hanging-plugin", PluginState.FAILED, Duration.ofSeconds(5));
        assertThat(failed.lastError()).hasValueSatisfying(error -> assertThat(error)
                .contains("start").containsPattern(LIFECYCLE_TIMEOUT_MS + "\\s?ms"));
        eventually().untilAsserted(() -> {
            assertThat(hanging.wasInterrupted()).as("the thread running start() was interrupted").isTrue();
            assertThat(hanging.startContext().isCancelled()).as("PluginContext.isCancelled() of start()").isTrue();
        });
    }

    @Test
    public void pluginsRegisteredNextToAHangingOneStillStart() {
        RecordingPlugin hanging = new RecordingPlugin("stuck-plugin").hangingInStart();
        RecordingPlugin other = new RecordingPlugin("unaffected-plugin");

        registerPlugin(hanging);
        registerPlugin(other);

        // The other plugin does not wait for the hanging one's timeout.
        awaitState("unaffected-plugin", PluginState.ACTIVE, Duration.ofMillis(LIFECYCLE_TIMEOUT_MS * 4));
        awaitState("stuck-plugin", PluginState.FAILED, Duration.ofSeconds(5));
        assertThat(registry.plugin("unaffected-plugin").orElseThrow().state()).isEqualTo(PluginState.ACTIVE);
    }
}
