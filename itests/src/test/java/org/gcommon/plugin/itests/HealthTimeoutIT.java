package org.gcommon.plugin.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.gcommon.plugin.api.HealthReport;
import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.PluginState;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** A plugin whose health() hangs reads UNKNOWN after the health timeout; the health service keeps answering. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HealthTimeoutIT extends GcommonTestSupport {

    private static final long HEALTH_TIMEOUT_MS = 300;

    /** What "still answers" means here: the documented ~2 s bound of HealthService, well above the 300 ms timeout. */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(2);

    @Before
    public void shortHealthTimeout() throws Exception {
        configureRuntime(Map.of("health.timeout.ms", HEALTH_TIMEOUT_MS));
    }

    @Test
    public void hangingHealthCheckReadsUnknownWhileTheReportAnswersAndOtherPluginsAreHealthy() throws Exception {
        RecordingPlugin stuck = new RecordingPlugin("stuck-health-plugin").hangingInHealth();
        RecordingPlugin fine = new RecordingPlugin("fine-plugin");
        registerPlugin(stuck);
        registerPlugin(fine);
        awaitState("stuck-health-plugin", PluginState.ACTIVE);
        awaitState("fine-plugin", PluginState.ACTIVE);

        HealthReport report = answersWithin("HealthService.report()", ANSWER_BOUND, healthService::report);

        assertThat(report.plugins()).containsKeys("stuck-health-plugin", "fine-plugin");
        HealthStatus stuckHealth = report.plugins().get("stuck-health-plugin");
        assertThat(stuckHealth.status()).isEqualTo(HealthStatus.Status.UNKNOWN);
        assertThat(stuckHealth.message()).containsPattern(HEALTH_TIMEOUT_MS + "\\s?ms");
        assertThat(stuck.healthCalls()).as("health() calls that reached the plugin").isPositive();
        assertThat(report.plugins().get("fine-plugin").status()).isEqualTo(HealthStatus.Status.HEALTHY);
        // An active plugin that does not answer degrades the aggregate; only runtime problems could make it worse.
        assertThat(report.status()).as("aggregate with an active plugin that does not answer (runtime problems: %s)",
                report.runtimeProblems()).isEqualTo(report.runtimeProblems().isEmpty() ? HealthStatus.Status.DEGRADED
                        : HealthStatus.Status.UNHEALTHY);

        HealthStatus single = answersWithin("HealthService.health(\"stuck-health-plugin\")", ANSWER_BOUND,
                () -> healthService.health("stuck-health-plugin"));
        assertThat(single.status()).isEqualTo(HealthStatus.Status.UNKNOWN);
        assertThat(healthService.health("fine-plugin").status()).isEqualTo(HealthStatus.Status.HEALTHY);

        // Asking again while the first health() call still hangs: the answer comes just as quickly.
        HealthReport again = answersWithin("HealthService.report() asked again", ANSWER_BOUND, healthService::report);
        assertThat(again.plugins().get("stuck-health-plugin").status()).isEqualTo(HealthStatus.Status.UNKNOWN);
        assertThat(again.plugins().get("fine-plugin").status()).isEqualTo(HealthStatus.Status.HEALTHY);
    }
}
