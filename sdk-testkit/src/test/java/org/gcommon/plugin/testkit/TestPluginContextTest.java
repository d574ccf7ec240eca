package org.gcommon.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gcommon.plugin.api.PluginException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPluginContextTest {

    @Test
    void runsAPluginsStartAndKeepsWhatItLogs() throws Exception {
        TestEventBus bus = new TestEventBus();
        TestPluginContext context = new TestPluginContext("greeter").withEvents(bus.forPlugin("greeter",
                new RecordingLogger()));
        GreeterPlugin greeter = new GreeterPlugin();
        greeter.initialize(Map.of("greeting", "Hi"));

        greeter.start(context);
        bus.publish("gcommon/plugin/door/opened", "door", "Ada");

        assertThat(context.logLines()).containsExactly("INFO greeter ready to say 'Hi'");
        assertThat(context.logs()).extracting(LogEntry::level).containsExactly("INFO");
        assertThat(bus.publishedBy("greeter")).extracting(e -> e.payload()).containsExactly("Hi, Ada");
    }

    @Test
    void hasTheContainersDefaultDeadline() {
        Instant before = Instant.now();

        TestPluginContext context = new TestPluginContext("greeter");

        assertThat(context.pluginName()).isEqualTo("greeter");
        assertThat(context.deadline()).isAfterOrEqualTo(before.plus(PluginHarness.DEFAULT_LIFECYCLE_TIMEOUT));
        assertThat(context.remaining()).isPositive().isLessThanOrEqualTo(PluginHarness.DEFAULT_LIFECYCLE_TIMEOUT);
        assertThat(new TestPluginContext("greeter", Duration.ZERO).remaining()).isZero();
    }

    @Test
    void cancelsAsTheRuntimeDoesWhenACallOverruns() {
        TestPluginContext context = new TestPluginContext("greeter");
        List<String> ran = new ArrayList<>();
        context.onCancel(() -> ran.add("first"));
        context.onCancel(() -> {
            throw new IllegalStateException("a broken hook does not stop the others");
        });
        context.onCancel(() -> ran.add("second"));

        context.cancel();
        context.cancel();
        context.onCancel(() -> ran.add("late"));

        assertThat(context.isCancelled()).isTrue();
        assertThat(ran).containsExactly("first", "second", "late");
        assertThatThrownBy(context::throwIfCancelled).isInstanceOf(PluginException.class)
                .hasMessageStartingWith("Call to plugin 'greeter' was cancelled (deadline ");
    }

    @Test
    void aServiceTheTestDidNotGiveSaysHowToGiveIt() {
        TestPluginContext context = new TestPluginContext("greeter");

        assertThatIllegalStateException().isThrownBy(context::registry)
                .withMessage("The test context of plugin 'greeter' has no registry: give it one with "
                        + "withRegistry(registry), or run the plugin in a PluginHarness, which has every service");
        assertThatIllegalStateException().isThrownBy(context::events).withMessageContaining("withEvents(events)");
        assertThatIllegalStateException().isThrownBy(context::dataDirectory)
                .withMessageContaining("withDataDirectory(path)");
        assertThat(context.executor()).isNotNull();
    }

    @Test
    void handsOutTheServicesTheTestGave(@TempDir Path data) {
        try (PluginHarness harness = new PluginHarness()) {
            TestPluginContext context = new TestPluginContext("greeter").withDataDirectory(data)
                    .withRegistry(harness.registry());

            assertThat(context.dataDirectory()).isEqualTo(data);
            assertThat(context.registry()).isSameAs(harness.registry());
        }
    }
}
