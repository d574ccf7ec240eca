package org.gcommon.plugin.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.PluginState;
import org.gcommon.plugin.api.ProviderPlugin;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/**
 * Callers that keep the stand-in from {@code PluginRegistry.providerProxy} follow the best provider:
 * when the preferred one goes away, fails or turns UNHEALTHY, the next call goes to the other one and
 * no call fails on the way.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ProviderFailoverIT extends GcommonTestSupport {

    private static final int CALLERS = 4;

    /** Enough for the switch to happen many times over; the callers are stopped long before, normally. */
    private static final long MAX_CALLS_PER_CALLER = 5_000_000;

    /** The runtime asks active providers for their health every 5 s; allow for one period, a late answer and a busy machine. */
    private static final Duration PROVIDER_HEALTH_POLL_BOUND = Duration.ofSeconds(12);

    @Test
    public void callersKeepingTheStandInMoveToTheOtherProviderWhenThePreferredIsUnregistered() throws Exception {
        ServiceRegistration<?> primary = registerPlugin(new GreeterPlugin("primary-greeter", "1.0.0"),
                Map.of(Constants.SERVICE_RANKING, 10));
        registerPlugin(new GreeterPlugin("backup-greeter", "1.0.0"), Map.of(Constants.SERVICE_RANKING, 1));
        awaitState("primary-greeter", PluginState.ACTIVE);
        awaitState("backup-greeter", PluginState.ACTIVE);
        Greeter greeter = registry.providerProxy(Greeter.class);
        assertThat(greeter.greeting()).isEqualTo("primary-greeter 1.0.0");

        try (ConcurrentCallers callers = ConcurrentCallers.start("greeter", CALLERS, MAX_CALLS_PER_CALLER,
                greeter::greeting)) {
            callers.awaitEveryCallerAnswered("primary-greeter 1.0.0");

            unregister(primary);

            assertThat(greeter.greeting()).as("first call through the same stand-in after the unregistration")
                    .isEqualTo("backup-greeter 1.0.0");
            callers.awaitEveryCallerAnswered("backup-greeter 1.0.0");
            callers.close();
            assertThat(callers.failures()).as("failed calls out of %d", callers.calls()).isEmpty();
            assertThat(callers.answers()).as("answers").containsOnlyKeys("primary-greeter 1.0.0",
                    "backup-greeter 1.0.0");
        }
        awaitState("primary-greeter", PluginState.STOPPED);
    }

    @Test
    public void callersMoveToTheOtherProviderWhenThePreferredFailsOnRestart() throws Exception {
        GreeterPlugin primary = new GreeterPlugin("failing-greeter", "2.0.0");
        registerPlugin(primary, Map.of(Constants.SERVICE_RANKING, 10));
        registerPlugin(new GreeterPlugin("steady-greeter", "1.0.0"), Map.of(Constants.SERVICE_RANKING, 1));
        awaitState("failing-greeter", PluginState.ACTIVE);
        awaitState("steady-greeter", PluginState.ACTIVE);
        Greeter greeter = registry.providerProxy(Greeter.class);

        try (ConcurrentCallers callers = ConcurrentCallers.start("greeter", CALLERS, MAX_CALLS_PER_CALLER,
                greeter::greeting)) {
            callers.awaitEveryCallerAnswered("failing-greeter 2.0.0");

            // A new configuration restarts the plugin; this time its start() throws.
            primary.throwingInStart("cannot open the greeting store: set store.path in etc/failing-greeter.cfg");
            configurePlugin("failing-greeter", Map.of("store.path", "/nowhere"));

            awaitState("failing-greeter", PluginState.FAILED);
            assertThat(greeter.greeting()).as("call through the same stand-in once the preferred provider is FAILED")
                    .isEqualTo("steady-greeter 1.0.0");
            callers.awaitEveryCallerAnswered("steady-greeter 1.0.0");
            callers.close();
            assertThat(callers.failures()).as("failed calls out of %d", callers.calls()).isEmpty();
            assertThat(callers.answers()).as("answers").containsOnlyKeys("failing-greeter 2.0.0",
                    "steady-greeter 1.0.0");
        }
    }

    @Test
    public void anUnhealthyProviderIsPassedOverWhileAnotherIsAvailable() {
        HealthSwitchingGreeterPlugin preferred = new HealthSwitchingGreeterPlugin("preferred-greeter");
        HealthSwitchingGreeterPlugin fallback = new HealthSwitchingGreeterPlugin("fallback-greeter");
        registerPlugin(preferred, Map.of(Constants.SERVICE_RANKING, 10));
        registerPlugin(fallback, Map.of(Constants.SERVICE_RANKING, 1));
        awaitState("preferred-greeter", PluginState.ACTIVE);
        awaitState("fallback-greeter", PluginState.ACTIVE);
        Greeter greeter = registry.providerProxy(Greeter.class);
        assertThat(greeter.greeting()).isEqualTo("preferred-greeter 1.0.0");

        preferred.reports(HealthStatus.unhealthy("greeting store unreachable"));

        // Nobody asks for a health report: the runtime's own polling of provider health notices.
        eventually().atMost(PROVIDER_HEALTH_POLL_BOUND).untilAsserted(() -> assertThat(greeter.greeting())
                .as("stand-in once the preferred provider reports UNHEALTHY (the runtime asked its health() %d times)",
                        preferred.healthCalls())
                .isEqualTo("fallback-greeter 1.0.0"));
        assertThat(registry.provider(Greeter.class)).map(Greeter::greeting).contains("fallback-greeter 1.0.0");

        // From here on a health report refreshes the answers, so the test need not wait for the next poll.
        // When every provider is unhealthy, the best of them is still better than none.
        fallback.reports(HealthStatus.unhealthy("greeting store unreachable too"));
        awaitAfterHealthReports(greeter, "preferred-greeter 1.0.0", "both providers report UNHEALTHY", preferred,
                fallback);

        fallback.reports(HealthStatus.healthy("greeting store back"));
        awaitAfterHealthReports(greeter, "fallback-greeter 1.0.0", "only the preferred provider is UNHEALTHY",
                preferred, fallback);

        preferred.reports(HealthStatus.healthy("greeting store back"));
        awaitAfterHealthReports(greeter, "preferred-greeter 1.0.0", "the preferred provider is HEALTHY again",
                preferred, fallback);
    }

    @Test
    public void standInWithoutAnActiveProviderThrowsNamingTheTypeAndFollowsProvidersThatCome() {
        Farewell farewell = registry.providerProxy(Farewell.class);

        assertThatThrownBy(farewell::farewell).as("call while no provider of the type is active")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(Farewell.class.getName());

        ServiceRegistration<?> provider = registerPlugin(new FarewellPlugin("farewell-provider"));
        awaitState("farewell-provider", PluginState.ACTIVE);
        assertThat(farewell.farewell()).as("the stand-in made before the provider came").isEqualTo("bye from farewell-provider");

        unregister(provider);
        assertThatThrownBy(farewell::farewell).as("call once the only provider is gone")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(Farewell.class.getName());
    }

    @Test
    public void standInOfAClassIsRefusedNamingTheClass() {
        assertThatThrownBy(() -> registry.providerProxy(String.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String").hasMessageContaining("not an interface");
        assertThatThrownBy(() -> registry.providerProxy(FarewellPlugin.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(FarewellPlugin.class.getName());
    }

    /** Asks for health reports until the stand-in answers as expected. */
    private void awaitAfterHealthReports(Greeter greeter, String expected, String situation,
            RecordingPlugin... providers) {
        eventually().untilAsserted(() -> {
            healthService.report();
            assertThat(greeter.greeting()).as("stand-in when %s (%s)", situation, describeHealth(providers))
                    .isEqualTo(expected);
        });
    }

    /** @return what the health service says of each plugin, and how often the runtime asked the plugin itself */
    private String describeHealth(RecordingPlugin... plugins) {
        StringBuilder out = new StringBuilder();
        for (RecordingPlugin plugin : plugins) {
            out.append(out.length() > 0 ? "; " : "").append(plugin.name()).append(": ")
                    .append(healthService.health(plugin.name())).append(", health() called ")
                    .append(plugin.healthCalls()).append(" times");
        }
        return out.toString();
    }

    /** A greeter provider whose health the test sets. */
    public static final class HealthSwitchingGreeterPlugin extends GreeterPlugin {

        private volatile HealthStatus health;

        HealthSwitchingGreeterPlugin(String name) {
            super(name, "1.0.0");
            this.health = HealthStatus.healthy(name + " is fine");
        }

        /** @param status what {@code health()} answers from now on */
        void reports(HealthStatus status) {
            this.health = status;
        }

        @Override
        public HealthStatus health() {
            super.health();
            return health;
        }
    }

    /** A service type that only {@link FarewellPlugin} provides, so no other test's provider can answer for it. */
    public interface Farewell {

        /** @return a farewell naming the plugin that made it */
        String farewell();
    }

    /** A provider of {@link Farewell}. */
    public static final class FarewellPlugin extends RecordingPlugin implements ProviderPlugin<Farewell> {

        FarewellPlugin(String name) {
            super(name);
        }

        @Override
        public Class<Farewell> providerType() {
            return Farewell.class;
        }

        @Override
        public Farewell provider() {
            return () -> "bye from " + name();
        }
    }
}
