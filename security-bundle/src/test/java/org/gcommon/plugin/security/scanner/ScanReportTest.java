package org.gcommon.plugin.security.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.gcommon.plugin.security.scanner.samples.ExitingPlugin;
import org.gcommon.plugin.security.scanner.samples.ThreadStarter;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ScanReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theTextReportSaysVerdictBundleFindingsAndWhy() {
        ScanReport report = Scans.scan(TestJar.bundle("com.acme.mixed").withClass(ExitingPlugin.class)
                .withClass(ThreadStarter.class));

        String text = report.toText();

        assertThat(text).startsWith("plugin.jar: REJECT\n").contains("bundle:   com.acme.mixed 1.0.0")
                .contains("signers:  none").contains("findings: 5 (3 reject, 2 warn)")
                .contains("REJECT bytecode.system-exit")
                .contains("at org/gcommon/plugin/security/scanner/samples/ExitingPlugin.class, "
                        + "org.gcommon.plugin.security.scanner.samples.ExitingPlugin.stop() line "
                        + Scans.lineOf(ExitingPlugin.class, "System.exit(3)"))
                .contains("WARN   bytecode.thread")
                .contains("Why these rules reject:\n  bytecode.system-exit: " + ScanRule.BYTECODE_SYSTEM_EXIT.rationale());
        assertThat(report.reasons()).hasSize(3).allSatisfy(r -> assertThat(r).startsWith("[bytecode.system-exit] "));
    }

    @Test
    void theJsonReportHasEveryField() throws Exception {
        ScanReport report = Scans.scan(TestJar.bundle("com.acme.exit").withClass(ExitingPlugin.class));

        JsonNode json = JSON.readTree(report.toJson());

        assertThat(json.get("archive").asText()).isEqualTo("plugin.jar");
        assertThat(json.get("verdict").asText()).isEqualTo("REJECT");
        assertThat(json.get("symbolicName").asText()).isEqualTo("com.acme.exit");
        assertThat(json.get("version").asText()).isEqualTo("1.0.0");
        assertThat(json.get("signers").isArray()).isTrue();
        JsonNode first = json.get("findings").get(0);
        assertThat(first.get("rule").asText()).isEqualTo("bytecode.system-exit");
        assertThat(first.get("severity").asText()).isEqualTo("REJECT");
        assertThat(first.get("entry").asText()).endsWith("ExitingPlugin.class");
        assertThat(first.get("class").asText()).isEqualTo(ExitingPlugin.class.getName());
        assertThat(first.get("method").asText()).isNotBlank();
        assertThat(first.get("line").asInt()).isPositive();
        assertThat(first.get("message").asText()).contains("System.exit");
    }

    @Test
    void theJsonEscapesWhateverAnEntryIsCalled() throws Exception {
        String name = "../\"quoted\" back\\slash\ttab\u0001ctl \u00e9t\u00e9 \u2028 \ud83d\ude00.txt";
        ScanReport report = Scans.scan(TestJar.bundle("com.acme.names").text(name, "x"));

        String json = report.toJson();
        JsonNode tree = JSON.readTree(json);

        assertThat(json).matches("[\\x20-\\x7e]*");
        assertThat(tree.get("findings").get(0).get("entry").asText())
                .isEqualTo(name.replace("\t", "\\u0009").replace("\u0001", "\\u0001"));
        assertThat(report.toText()).doesNotContain("\u0001").doesNotContain("\t");
    }

    @Test
    void unknownIdentityIsNullInJson() throws Exception {
        JsonNode json = JSON.readTree(Scans.scan("x.jar", new byte[] { 1, 2, 3 }).toJson());

        assertThat(json.get("symbolicName").isNull()).isTrue();
        assertThat(json.get("version").isNull()).isTrue();
    }

    @Test
    void theVerdictFollowsTheFindings() {
        Finding warn = Finding.at(ScanRule.BYTECODE_THREAD, Severity.WARN, "a.class", "threads");
        Finding reject = Finding.at(ScanRule.BYTECODE_UNSAFE, Severity.REJECT, "b.class", "unsafe");

        assertThat(new ScanReport("a.jar", null, null, List.of(), List.of(warn)).verdict()).isEqualTo(Verdict.ACCEPT);
        assertThat(new ScanReport("a.jar", null, null, List.of(), List.of(warn, reject)).verdict())
                .isEqualTo(Verdict.REJECT);
        assertThat(new ScanReport("a.jar", null, null, List.of(), List.of()).accepted()).isTrue();
    }
}
