package org.gcommon.plugin.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.gcommon.plugin.security.scanner.RuleAction;
import org.gcommon.plugin.security.scanner.ScanPolicy;
import org.gcommon.plugin.security.scanner.ScanRule;
import org.junit.jupiter.api.Test;

/** The metatype describes exactly the policy's keys, with the policy's defaults. */
class ScannerConfigurationTest {

    /** The Declarative Services mapping of annotation element names to property names. */
    private static String key(Method m) {
        return m.getName().replace("$_$", "-").replace("$$", "$").replace("_", ".");
    }

    @Test
    void everyAdjustableRuleHasAnAttributeWithItsDefault() {
        Map<String, Object> attributes = new HashMap<>();
        for (Method m : ScannerConfiguration.class.getDeclaredMethods()) {
            attributes.put(key(m), m.getDefaultValue());
        }

        Set<String> ruleKeys = Arrays.stream(ScanRule.values()).filter(ScanRule::adjustable).map(ScanRule::policyKey)
                .collect(Collectors.toSet());
        assertThat(attributes.keySet()).filteredOn(k -> k.startsWith("rule.")).containsExactlyInAnyOrderElementsOf(ruleKeys);
        for (ScanRule r : ScanRule.values()) {
            if (r.adjustable()) {
                assertThat(attributes.get(r.policyKey())).as(r.id()).isEqualTo(r.defaultAction().configValue());
            }
        }
        assertThat(attributes).containsEntry(ScanPolicy.MAX_ENTRIES, ScanPolicy.DEFAULT_MAX_ENTRIES)
                .containsEntry(ScanPolicy.MAX_UNCOMPRESSED_BYTES, ScanPolicy.DEFAULT_MAX_UNCOMPRESSED_BYTES)
                .containsEntry(ScanPolicy.MAX_RATIO, ScanPolicy.DEFAULT_MAX_RATIO)
                .containsKey(ScanPolicy.TRUSTED_SIGNERS);
    }

    @Test
    void theAttributeDefaultsReadAsTheDefaultPolicy() {
        Map<String, Object> props = new HashMap<>();
        for (Method m : ScannerConfiguration.class.getDeclaredMethods()) {
            props.put(key(m), m.getDefaultValue());
        }

        assertThat(ScanPolicy.fromProperties(props)).isEqualTo(ScanPolicy.defaults());
        assertThat(ScanPolicy.fromProperties(props).action(ScanRule.BYTECODE_THREAD)).isEqualTo(RuleAction.WARN);
    }
}
