package org.gcommon.plugin.testkit;

import static org.awaitility.Awaitility.await;
import static org.gcommon.plugin.testkit.assertions.GcommonAssertions.assertThat;
import static org.gcommon.plugin.testkit.assertions.GcommonAssertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.PluginState;
import org.gcommon.plugin.api.PluginStateEvent;
import org.gcommon.plugin.api.ProviderPlugin;
import org.gcommon.plugin.api.event.PluginEvent;
import org.gcommon.plugin.api.integration.CircuitBreaker;
import org.gcommon.plugin.api.integration.Resilience;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PluginHarnessTest {

    @RegisterExtension
    final PluginHarness harness = new PluginHarness();

    @Test
    void startsAPluginWithItsConfigurationAndReportsItsHealth() {
        TestedPlugin<GreeterPlugin> greeter = harness.start(new GreeterPlugin(), Map.of("greeting", "Hi"));

        assertThat(greeter).isActive().isHealthy().hasHealthMessageContaining("0 greetings")
                .wentThrough(PluginState.RESOLVED, PluginState.INITIALIZED, PluginState.STARTING, PluginState.ACTIVE)
                .hasLogged("INFO", "greeter ready to say 'Hi'");
        assertThat(greeter.configuration()).containsEntry("greeting", "Hi");
        assertThat(greeter.health()).isHealthy().hasDetail("greetings", 0L);
    }

    @Test
    void aConfigurationThePluginRefusesLeavesItFailedWithItsMessage() {
        TestedPlugin<GreeterPlugin> greeter = harness.start(new GreeterPlugin(), Map.of("greeting", " "));

        assertThat(greeter).isFailed().hasLastErrorContaining("initialize() of plugin 'greeter' failed: Configuration key 'greeting'");
        assertThat(greeter.health()).isUnknown().hasMessageContaining("FAILED");
    }

    @Test
    void deliversEventsBothWaysWithoutWaiting() {
        TestedPlugin<GreeterPlugin> greeter = harness.start(new GreeterPlugin());

        harness.events().publish("gcommon/plugin/door/opened", "door", "Ada");

        assertThat(greeter).hasPublished("greeted");
        assertThat(greeter.published()).extracting(PluginEvent::payload).containsExactly("Hello, Ada");
        assertThat(greeter.health()).hasDetail("greetings", 1L);
    }

    @Test
    void endsThePluginsSubscriptionsWhenItStops() {
        TestedPlugin<GreeterPlugin> greeter = harness.start(new GreeterPlugin());

        greeter.stop();
        harness.events().publish("gcommon/plugin/door/opened", "door", "Ada");

        assertThat(greeter).isStopped();
        assertThat(greeter.published()).isEmpty();
        assertThat(harness.events().subscriptionsOf("greeter")).isZero();
    }

    @Test
    void publishesStateChangesAsTheRuntimeDoes() {
        List<PluginEvent> states = new ArrayList<>();
        harness.events().subscribe("org/gcommon/plugin/STATE/*", states::add);

        harness.start(new GreeterPlugin());

        assertThat(states).extracting(PluginEvent::topic).containsExactly("org/gcommon/plugin/STATE/RESOLVED",
                "org/gcommon/plugin/STATE/INITIALIZED", "org/gcommon/plugin/STATE/STARTING", "org/gcommon/plugin/STATE/ACTIVE");
        assertThat(states.get(3).payload(Map.class).orElseThrow()).containsEntry("plugin.name", "greeter")
                .containsEntry("plugin.state", "ACTIVE").containsEntry("plugin.state.from", "STARTING");
    }

    @Test
    void aStartThatOverrunsItsDeadlineIsCancelledAndLeavesThePluginFailed() {
        harness.withLifecycleTimeout(Duration.ofMillis(100));
        StubbornPlugin stubborn = new StubbornPlugin();

        TestedPlugin<StubbornPlugin> tested = harness.start(stubborn);

        assertThat(tested).isFailed().hasLastErrorContaining("start() of plugin 'stubborn' did not return within 100 ms");
        assertThat(tested.lastContext()).get().extracting(PluginContext::isCancelled).isEqualTo(true);
        assertThat(stubborn.cancelHookRan).isTrue();
        await().atMost(Duration.ofSeconds(5)).untilTrue(stubborn.interrupted);
    }

    @Test
    void aHealthCallThatHangsReadsUnknown() {
        harness.withHealthTimeout(Duration.ofMillis(50));
        StubbornPlugin stubborn = new StubbornPlugin();
        stubborn.blockStart = false;
        TestedPlugin<StubbornPlugin> tested = harness.start(stubborn);
        stubborn.blockHealth = true;

        HealthStatus health = tested.health();

        assertThat(health).isUnknown().hasMessageContaining("did not answer within 50 ms");
        stubborn.release.countDown();
    }

    @Test
    void aReconfigurationStopsInitializesAndStartsAgain() {
        TestedPlugin<GreeterPlugin> greeter = harness.start(new GreeterPlugin());

        greeter.reconfigure(Map.of("greeting", "Salut"));

        assertThat(greeter).isActive().hasLogged("INFO", "ready to say 'Salut'");
        assertThat(greeter.states()).endsWith(PluginState.STOPPING, PluginState.STOPPED, PluginState.INITIALIZED,
                PluginState.STARTING, PluginState.ACTIVE);
    }

    @Test
    void refusesANameTheContainerWouldRefuse() {
        TestedPlugin<?> tested = harness.load(new InvalidlyNamed());

        assertThat(tested).isFailed().hasLastErrorContaining("invalid name 'Not Valid'");
    }

    @Test
    void refusesTwoPluginsOfTheSameName() {
        harness.start(new GreeterPlugin());

        assertThatThrownBy(() -> harness.start(new GreeterPlugin())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already named 'greeter'");
    }

    @Test
    void aProviderThatBreaksItsContractFailsAsInTheContainer() {
        TestedPlugin<BrokenProvider> tested = harness.start(new BrokenProvider());

        assertThat(tested).isFailed().hasLastErrorContaining("provider() of plugin 'broken' returned null, not a java.lang.Runnable");
        assertThat(tested.states()).contains(PluginState.STARTING).doesNotContain(PluginState.ACTIVE);
    }

    @Test
    void theRegistryHandsOutActiveProvidersAndStandIns() {
        List<String> calls = new ArrayList<>();
        harness.registry().provide(Runnable.class, () -> calls.add("stand-in"));
        Runnable proxy = harness.registry().providerProxy(Runnable.class);

        proxy.run();
        harness.start(new WorkingProvider(() -> calls.add("plugin")));
        proxy.run();

        assertThat(calls).containsExactly("stand-in", "plugin");
        assertThat(harness.registry().plugin("working")).get().satisfies(info -> assertThat(info).isActive());
    }

    @Test
    void listensToStateChangesThroughTheRegistry() {
        List<PluginStateEvent> seen = new ArrayList<>();
        harness.registry().addStateListener(seen::add);

        harness.start(new GreeterPlugin()).stop();

        assertThat(seen).extracting(PluginStateEvent::to).endsWith(PluginState.STOPPING, PluginState.STOPPED);
    }

    @Test
    void handsOutTheRuntimesOwnCircuitBreaker() throws Exception {
        CircuitBreaker breaker = harness.resilience().circuitBreaker("remote",
                new Resilience.Settings(1, Duration.ZERO, Duration.ZERO, 1, Duration.ofMinutes(1)));

        assertThatThrownBy(() -> breaker.call(() -> {
            throw new java.io.IOException("remote down");
        })).hasMessage("remote down");

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.getClass().getName()).startsWith("org.gcommon.plugin.manager.");
    }

    @Test
    void givesEachPluginADataDirectoryThatIsDeletedAfterTheTest() throws Exception {
        TestedPlugin<GreeterPlugin> greeter = harness.start(new GreeterPlugin());
        Path data = greeter.dataDirectory();
        Files.writeString(data.resolve("state.txt"), "kept");

        harness.close();

        assertThat(data).doesNotExist();
    }

    @Test
    void failedAssertionsTellTheStateTheErrorAndTheLog() {
        TestedPlugin<GreeterPlugin> greeter = harness.start(new GreeterPlugin(), Map.of("greeting", ""));

        assertThatThrownBy(() -> assertThat(greeter).isActive()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected plugin 'greeter' to be ACTIVE but it is FAILED")
                .hasMessageContaining("last error: initialize() of plugin 'greeter' failed");
    }

    static final class InvalidlyNamed extends GreeterPlugin {
        @Override
        public String name() {
            return "Not Valid";
        }
    }

    static class BrokenProvider extends GreeterPlugin implements ProviderPlugin<Runnable> {
        @Override
        public String name() {
            return "broken";
        }

        @Override
        public Class<Runnable> providerType() {
            return Runnable.class;
        }

        @Override
        public Runnable provider() {
            return null;
        }
    }

    static final class WorkingProvider extends BrokenProvider {
        private final Runnable work;

        WorkingProvider(Runnable work) {
            this.work = work;
        }

        @Override
        public String name() {
            return "working";
        }

        @Override
        public Runnable provider() {
            return work;
        }
    }
}
