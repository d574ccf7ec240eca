package org.gcommon.plugin.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.gcommon.plugin.api.HealthReport;
import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.HealthStatus.Status;
import org.gcommon.plugin.api.PluginState;
import org.gcommon.plugin.api.RuntimeCheck;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;

/**
 * {@link RuntimeCheck} services speak for the runtime itself: a check that is not HEALTHY is listed in
 * the health report's runtime problems and lowers the aggregate to its status, whatever the plugins say.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RuntimeCheckIT extends GcommonTestSupport {

    @Before
    public void aHealthyPluginAndNoRuntimeProblem() {
        registerPlugin(new RecordingPlugin("bystander-plugin"));
        awaitState("bystander-plugin", PluginState.ACTIVE);
        eventually().untilAsserted(() -> {
            HealthReport report = healthService.report();
            assertThat(report.runtimeProblems()).as("runtime problems before the test").isEmpty();
            assertThat(report.status()).as("aggregate before the test").isEqualTo(Status.HEALTHY);
        });
    }

    @Test
    public void degradedAndUnhealthyChecksLowerTheAggregateUntilTheyAreGone() {
        ServiceRegistration<?> degraded = registerCheck(new SettableCheck("deploy-folder",
                HealthStatus.degraded("deploy folder 95% full")));

        eventually().untilAsserted(() -> {
            HealthReport report = healthService.report();
            assertThat(report.runtimeProblems()).singleElement().asString().contains("deploy-folder")
                    .contains("DEGRADED").contains("deploy folder 95% full");
            assertThat(report.status()).isEqualTo(Status.DEGRADED);
            assertThat(report.plugins().get("bystander-plugin").status()).as("the plugin's own health")
                    .isEqualTo(Status.HEALTHY);
        });

        ServiceRegistration<?> unhealthy = registerCheck(new SettableCheck("sandbox",
                HealthStatus.unhealthy("no SecurityManager: plugins run unconfined")));

        eventually().untilAsserted(() -> {
            HealthReport report = healthService.report();
            assertThat(report.runtimeProblems()).hasSize(2)
                    .anySatisfy(problem -> assertThat(problem).contains("deploy-folder").contains("DEGRADED"))
                    .anySatisfy(problem -> assertThat(problem).contains("sandbox").contains("UNHEALTHY")
                            .contains("no SecurityManager"));
            assertThat(report.status()).isEqualTo(Status.UNHEALTHY);
        });

        unregister(unhealthy);
        eventually().untilAsserted(() -> {
            HealthReport report = healthService.report();
            assertThat(report.runtimeProblems()).singleElement().asString().contains("deploy-folder");
            assertThat(report.status()).isEqualTo(Status.DEGRADED);
        });

        unregister(degraded);
        eventually().untilAsserted(() -> {
            HealthReport report = healthService.report();
            assertThat(report.runtimeProblems()).isEmpty();
            assertThat(report.status()).isEqualTo(Status.HEALTHY);
        });
    }

    @Test
    public void aCheckThatRecoversIsNoLongerListed() {
        SettableCheck disk = new SettableCheck("data-disk", HealthStatus.healthy("plenty of space"));
        registerCheck(disk);
        eventually().untilAsserted(() -> assertThat(healthService.report().status()).isEqualTo(Status.HEALTHY));
        assertThat(healthService.report().runtimeProblems()).as("a HEALTHY check is no problem").isEmpty();

        disk.set(HealthStatus.unhealthy("data disk is read-only"));
        eventually().untilAsserted(() -> {
            HealthReport report = healthService.report();
            assertThat(report.status()).isEqualTo(Status.UNHEALTHY);
            assertThat(report.runtimeProblems()).singleElement().asString().contains("data-disk")
                    .contains("data disk is read-only");
        });

        disk.set(HealthStatus.healthy("remounted read-write"));
        eventually().untilAsserted(() -> {
            HealthReport report = healthService.report();
            assertThat(report.status()).isEqualTo(Status.HEALTHY);
            assertThat(report.runtimeProblems()).isEmpty();
        });
    }

    @Test
    public void aCheckThatThrowsCountsAsUnhealthyNamingTheCheck() {
        registerCheck(new RuntimeCheck() {
            @Override
            public String name() {
                return "broken-check";
            }

            @Override
            public HealthStatus check() {
                throw new IllegalStateException("probe file missing");
            }
        });

        eventually().untilAsserted(() -> {
            HealthReport report = healthService.report();
            assertThat(report.status()).isEqualTo(Status.UNHEALTHY);
            assertThat(report.runtimeProblems()).singleElement().asString().contains("broken-check")
                    .contains("probe file missing");
        });
    }

    private ServiceRegistration<?> registerCheck(RuntimeCheck check) {
        return register(RuntimeCheck.class.getName(), check, Map.of());
    }

    /** A runtime check whose result the test sets. */
    private static final class SettableCheck implements RuntimeCheck {

        private final String name;
        private volatile HealthStatus result;

        SettableCheck(String name, HealthStatus result) {
            this.name = name;
            this.result = result;
        }

        void set(HealthStatus result) {
            this.result = result;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public HealthStatus check() {
            return result;
        }
    }
}
