package org.gcommon.plugin.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.PluginState;
import org.gcommon.plugin.api.PluginType;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class PluginJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final PluginJson json = new PluginJson(mapper);

    @Test
    void healthListsStatusProblemsAndEachPluginsHealth() {
        TestReport report = new TestReport(HealthStatus.Status.DEGRADED, List.of("sandbox not enforced"),
                Map.of("cache", HealthStatus.degraded("slow")), Instant.now());

        JsonNode health = json.health(report, List.of(TestPlugin.active("cache")));

        assertThat(health.path("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.path("runtimeProblems")).extracting(JsonNode::asText).containsExactly("sandbox not enforced");
        JsonNode plugin = health.path("plugins").get(0);
        assertThat(plugin.path("name").asText()).isEqualTo("cache");
        assertThat(plugin.path("version").asText()).isEqualTo("1.0.0");
        assertThat(plugin.path("state").asText()).isEqualTo("ACTIVE");
        assertThat(plugin.path("health").path("status").asText()).isEqualTo("DEGRADED");
        assertThat(plugin.path("health").path("message").asText()).isEqualTo("slow");
    }

    @Test
    void showsAPluginThatIsNotActiveAsUnknownNamingItsState() {
        // the report may still hold an old answer; a failed plugin is not asked any more
        TestReport report = TestReport.of(HealthStatus.Status.HEALTHY, Map.of("broken", HealthStatus.healthy("old")));

        JsonNode health = json.health(report, List.of(TestPlugin.active("broken").inState(PluginState.FAILED)));

        JsonNode plugin = health.path("plugins").get(0);
        assertThat(plugin.path("state").asText()).isEqualTo("FAILED");
        assertThat(plugin.path("health").path("status").asText()).isEqualTo("UNKNOWN");
        assertThat(plugin.path("health").path("message").asText()).isEqualTo("not active (FAILED)");
    }

    @Test
    void showsAnActivePluginMissingFromTheReportAsUnknown() {
        assertThat(PluginJson.healthOf(TestPlugin.active("new"), TestReport.of(HealthStatus.Status.HEALTHY, Map.of())))
                .satisfies(h -> assertThat(h.status()).isEqualTo(HealthStatus.Status.UNKNOWN))
                .satisfies(h -> assertThat(h.message()).isEqualTo("no health answer yet"));
    }

    @Test
    void healthWithoutRuntimeIsUnhealthyAndNamesTheProblem() {
        JsonNode health = json.healthWithoutRuntime("manager missing");

        assertThat(health.path("status").asText()).isEqualTo("UNHEALTHY");
        assertThat(health.path("runtimeProblems")).extracting(JsonNode::asText).containsExactly("manager missing");
        assertThat(health.path("plugins").isArray()).isTrue();
        assertThat(health.path("plugins")).isEmpty();
    }

    @Test
    void pluginInfoHasEveryFieldInContractOrder() {
        HealthStatus health = HealthStatus.healthy("42 entries").withDetail("hits", 7).withDetail("tags", List.of("a"));
        TestPlugin cache = new TestPlugin("memory-cache", "1.0.0", PluginType.PROVIDER, PluginState.ACTIVE,
                TestPlugin.SINCE, 12, "org.gcommon.plugin.sample.cache", "gcommon:deploy/cache.jar", Optional.empty(),
                List.of(), Optional.of("org.gcommon.sample.cache.api.Cache"), 5);

        JsonNode info = json.plugin(cache, health,
                new Permissions(List.of("(java.io.FilePermission \"data/-\" \"read\")"), List.of("x"), List.of("g"),
                        List.of(new org.gcommon.plugin.api.security.Denial() {
                            public String permission() {
                                return "(java.lang.RuntimePermission \"exitVM.1\")";
                            }

                            public java.time.Instant lastTime() {
                                return TestPlugin.SINCE;
                            }

                            public long count() {
                                return 2;
                            }

                            public String fix() {
                                return "add a grant";
                            }
                        }), "CPA"));

        assertThat(info.fieldNames()).toIterable().containsExactly("name", "version", "type", "state", "stateSince",
                "bundleId", "symbolicName", "location", "providerType", "ranking", "lastError", "reasons", "health",
                "permissions", "limits", "denials");
        assertThat(info.path("denials").get(0).path("permission").asText()).contains("exitVM.1");
        assertThat(info.path("denials").get(0).path("count").asLong()).isEqualTo(2);
        assertThat(info.path("permissions").path("granted").get(0).asText()).isEqualTo("g");
        assertThat(info.path("permissions").path("enforcement").asText()).isEqualTo("CPA");
        assertThat(info.path("type").asText()).isEqualTo("PROVIDER");
        assertThat(info.path("stateSince").asText()).isEqualTo("2026-11-25T21:00:00Z");
        assertThat(info.path("bundleId").asLong()).isEqualTo(12);
        assertThat(info.path("symbolicName").asText()).isEqualTo("org.gcommon.plugin.sample.cache");
        assertThat(info.path("location").asText()).isEqualTo("gcommon:deploy/cache.jar");
        assertThat(info.path("providerType").asText()).isEqualTo("org.gcommon.sample.cache.api.Cache");
        assertThat(info.path("ranking").asInt()).isEqualTo(5);
        assertThat(info.path("lastError").isNull()).isTrue();
        assertThat(info.path("reasons").isArray()).isTrue();
        assertThat(info.path("health").path("status").asText()).isEqualTo("HEALTHY");
        assertThat(info.path("health").path("message").asText()).isEqualTo("42 entries");
        assertThat(info.path("health").path("details").path("hits").asInt()).isEqualTo(7);
        assertThat(info.path("health").path("details").path("tags").get(0).asText()).isEqualTo("a");
        assertThat(info.path("health").path("time").asText()).isEqualTo(health.time().toString());
        assertThat(info.path("permissions").path("declared")).extracting(JsonNode::asText)
                .containsExactly("(java.io.FilePermission \"data/-\" \"read\")");
        assertThat(info.path("permissions").path("effective")).extracting(JsonNode::asText).containsExactly("x");
    }

    @Test
    void rejectedArchiveShowsItsReasonsLastErrorAndNullProviderType() {
        TestPlugin rejected = new TestPlugin("garbage.jar", "", PluginType.UNKNOWN, PluginState.REJECTED,
                TestPlugin.SINCE, -1, "", "/home/deploy/garbage.jar", Optional.of("not a zip archive"),
                List.of("not a zip archive", "no manifest"), Optional.empty(), 0);

        JsonNode info = json.plugin(rejected, PluginJson.healthOf(rejected, TestReport.of(HealthStatus.Status.HEALTHY,
                Map.of())), Permissions.NONE);

        assertThat(info.path("state").asText()).isEqualTo("REJECTED");
        assertThat(info.path("bundleId").asLong()).isEqualTo(-1);
        assertThat(info.path("providerType").isNull()).isTrue();
        assertThat(info.path("lastError").asText()).isEqualTo("not a zip archive");
        assertThat(info.path("reasons")).extracting(JsonNode::asText).containsExactly("not a zip archive", "no manifest");
        assertThat(info.path("health").path("message").asText()).isEqualTo("not active (REJECTED)");
        assertThat(info.path("permissions").path("declared")).isEmpty();
        assertThat(info.path("permissions").path("effective")).isEmpty();
    }

    @Test
    void aDetailJacksonCannotMapIsShownAsText() {
        Object opaque = new Object() {
            @Override
            public String toString() {
                return "opaque value";
            }
        };
        HealthStatus health = HealthStatus.healthy("ok").withDetail("thing", opaque).withDetail("count", 3);

        JsonNode info = json.plugin(TestPlugin.active("odd"), health, Permissions.NONE);

        assertThat(info.path("health").path("details").path("thing").asText()).isEqualTo("opaque value");
        assertThat(info.path("health").path("details").path("count").asInt()).isEqualTo(3);
    }

    @Test
    void listHasOneInfoPerPluginWithItsOwnHealth() {
        TestReport report = TestReport.of(HealthStatus.Status.HEALTHY,
                Map.of("a", HealthStatus.healthy("fine"), "b", HealthStatus.unhealthy("down")));

        JsonNode list = json.pluginList(List.of(TestPlugin.active("a"), TestPlugin.active("b").inState(PluginState.STOPPED)),
                report, p -> Permissions.NONE);

        assertThat(list.fieldNames()).toIterable().containsExactly("plugins");
        assertThat(list.path("plugins")).extracting(p -> p.path("name").asText() + " " + p.path("health").path("message").asText())
                .containsExactly("a fine", "b not active (STOPPED)");
    }

    @Test
    void errorNamesTheProblemAndTheFix() {
        assertThat(json.error("no plugin named 'x'", "GET /api/plugins lists every plugin by name").toString())
                .isEqualTo("{\"error\":\"no plugin named 'x'\",\"fix\":\"GET /api/plugins lists every plugin by name\"}");
        assertThat(json.error("internal error, see the container log", null).toString())
                .isEqualTo("{\"error\":\"internal error, see the container log\"}");
    }

    @Test
    void writesValidJsonThatReadsBack() throws Exception {
        String text = mapper.writeValueAsString(json.plugin(TestPlugin.active("a"), HealthStatus.healthy("\"quoted\"\n"),
                Permissions.of(List.of(), false)));

        assertThat(mapper.readTree(text).path("health").path("message").asText()).isEqualTo("\"quoted\"\n");
    }

}
