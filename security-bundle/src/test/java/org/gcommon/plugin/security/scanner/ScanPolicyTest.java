package org.gcommon.plugin.security.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanPolicyTest {

    private static final String FINGERPRINT = "3A:1F:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:01:23:45:67:89:AB:CD:"
            + "EF:10:32:54:76:98:BA";

    @Test
    void theDefaultsRejectTheDangerousFindingsAndWarnAboutThreadsAndUntrustedSigners() {
        ScanPolicy p = ScanPolicy.defaults();

        for (ScanRule r : ScanRule.values()) {
            RuleAction expected = r == ScanRule.BYTECODE_THREAD || r == ScanRule.SIGNATURE_UNTRUSTED_SIGNER
                    ? RuleAction.WARN : RuleAction.REJECT;
            assertThat(p.action(r)).as(r.id()).isEqualTo(expected).isEqualTo(r.defaultAction());
            assertThat(r.rationale()).as(r.id()).isNotBlank();
        }
        assertThat(p.maxEntries()).isEqualTo(50_000);
        assertThat(p.maxUncompressedBytes()).isEqualTo(256L * 1024 * 1024);
        assertThat(p.maxRatio()).isEqualTo(100);
        assertThat(p.trustedSigners()).isEmpty();
    }

    @Test
    void propertiesSetRulesLimitsAndSigners() {
        Map<String, Object> props = new HashMap<>();
        props.put("rule.bytecode.thread", "REJECT ");
        props.put("rule.bytecode.set-accessible", "warn");
        props.put("rule.manifest.native-code", "off");
        props.put("archive.max-entries", "1_000");
        props.put("archive.max-uncompressed-bytes", 1024L);
        props.put("archive.max-ratio", 50);
        props.put("signers.trusted", new String[] { FINGERPRINT.replace(":", "").toLowerCase() });
        props.put("service.pid", "org.gcommon.plugin.security.scanner");
        props.put("felix.fileinstall.filename", "file:/x.cfg");

        ScanPolicy p = ScanPolicy.fromProperties(props);

        assertThat(p.action(ScanRule.BYTECODE_THREAD)).isEqualTo(RuleAction.REJECT);
        assertThat(p.action(ScanRule.BYTECODE_SET_ACCESSIBLE)).isEqualTo(RuleAction.WARN);
        assertThat(p.action(ScanRule.MANIFEST_NATIVE_CODE)).isEqualTo(RuleAction.OFF);
        assertThat(p.action(ScanRule.BYTECODE_SYSTEM_EXIT)).isEqualTo(RuleAction.REJECT);
        assertThat(p.maxEntries()).isEqualTo(1000);
        assertThat(p.maxUncompressedBytes()).isEqualTo(1024);
        assertThat(p.maxRatio()).isEqualTo(50);
        assertThat(p.trustedSigners()).containsExactly(FINGERPRINT);
        assertThat(p.trusts(new Signer("CN=x", FINGERPRINT))).isTrue();
        assertThat(p.trusts(new Signer("CN=x", FINGERPRINT.replace("3A", "3B")))).isFalse();
    }

    @Test
    void trustedSignersMayBeAListInOneString() {
        String other = FINGERPRINT.replace("BA", "BB");
        ScanPolicy p = ScanPolicy.fromProperties(Map.of("signers.trusted", FINGERPRINT + ",\n  " + other));

        assertThat(p.trustedSigners()).containsExactly(FINGERPRINT, other);
    }

    @Test
    void everyProblemIsListedWithItsKeyValueAndFix() {
        Map<String, Object> props = new HashMap<>();
        props.put("rule.bytecode.sytem-exit", "reject");
        props.put("rule.bytecode.unsafe", "maybe");
        props.put("archive.max-entries", "lots");
        props.put("archive.max-ratio", "0");
        props.put("archive.max-bytes", "1");
        props.put("signers.trusted", "CN=Acme");

        assertThatThrownBy(() -> ScanPolicy.fromProperties(props)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rule.bytecode.sytem-exit=reject: there is no rule 'bytecode.sytem-exit'")
                .hasMessageContaining("bytecode.system-exit")
                .hasMessageContaining("rule.bytecode.unsafe=maybe: 'maybe' is not a rule action; use reject, warn or off")
                .hasMessageContaining("archive.max-entries=lots: not a whole number")
                .hasMessageContaining("archive.max-ratio=0: must be at least 1")
                .hasMessageContaining("archive.max-bytes=1: unknown key")
                .hasMessageContaining("signers.trusted=CN=Acme: 'CN=Acme' is not a SHA-256 certificate fingerprint");
    }

    @Test
    void theArchiveRulesCannotBeRelaxed() {
        assertThatThrownBy(() -> ScanPolicy.fromProperties(Map.of("rule.archive.compression-ratio", "warn")))
                .hasMessageContaining("always rejects").hasMessageContaining("raise archive.max-ratio instead");
        assertThatThrownBy(() -> ScanPolicy.defaults().withAction(ScanRule.ARCHIVE_PATH_ESCAPE, RuleAction.OFF))
                .hasMessageContaining("always rejects");
        assertThat(ScanPolicy.fromProperties(Map.of("rule.archive.invalid", "reject")))
                .isEqualTo(ScanPolicy.defaults());
    }

    @Test
    void aPolicyFileIsReadAndItsProblemsNameTheFile(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(dir.resolve("good.cfg"), "# comment\nrule.bytecode.thread = off\n"
                + "archive.max-ratio=200\n");
        Path bad = Files.writeString(dir.resolve("bad.cfg"), "rule.bytecode.thread = sometimes\n");

        assertThat(ScanPolicy.load(good).action(ScanRule.BYTECODE_THREAD)).isEqualTo(RuleAction.OFF);
        assertThat(ScanPolicy.load(good).maxRatio()).isEqualTo(200);
        assertThatThrownBy(() -> ScanPolicy.load(bad)).hasMessageStartingWith(bad.toString())
                .hasMessageContaining("rule.bytecode.thread=sometimes");
    }

    @Test
    void theConfigTextExplainsEveryRuleAndReadsBackAsTheSamePolicy() throws Exception {
        ScanPolicy p = ScanPolicy.defaults().withAction(ScanRule.BYTECODE_THREAD, RuleAction.OFF).withMaxRatio(300)
                .withTrustedSigners(List.of(FINGERPRINT));

        String text = p.toConfigText();
        Properties read = new Properties();
        read.load(new StringReader(text));
        Map<String, Object> map = new HashMap<>();
        read.stringPropertyNames().forEach(k -> map.put(k, read.getProperty(k)));

        assertThat(ScanPolicy.fromProperties(map)).isEqualTo(p);
        for (ScanRule r : ScanRule.values()) {
            assertThat(text).contains(r.rationale()).contains(r.policyKey());
        }
    }

    @Test
    void policiesAreValues() {
        assertThat(ScanPolicy.defaults().withMaxEntries(10)).isEqualTo(ScanPolicy.defaults().withMaxEntries(10))
                .hasSameHashCodeAs(ScanPolicy.defaults().withMaxEntries(10)).isNotEqualTo(ScanPolicy.defaults());
        assertThat(ScanPolicy.defaults().withAction(ScanRule.BYTECODE_UNSAFE, RuleAction.WARN).toString())
                .contains("bytecode.unsafe=warn");
    }
}
