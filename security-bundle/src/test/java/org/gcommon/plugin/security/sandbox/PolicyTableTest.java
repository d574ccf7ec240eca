package org.gcommon.plugin.security.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PolicyTableTest {

    private static final String WEBHOOK = "org.acme.webhook";
    private static final List<String> SOCKET = List.of("(java.net.SocketPermission \"127.0.0.1:*\" \"connect,resolve\")");

    @Test
    void grantsComeFirstThenDenialsThenRuntimeThenDefaults() {
        List<String> rows = PolicyTable.rows(Map.of(WEBHOOK, SOCKET),
                List.of(new PolicyTable.PluginBundle("gcommon:deploy/webhook.jar", WEBHOOK, true)));

        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).startsWith("ALLOW").contains("\"gcommon:deploy/webhook.jar\"").contains(SOCKET.get(0));
        assertThat(rows.get(1)).startsWith("DENY").contains("\"gcommon:*\"")
                .contains("(org.osgi.framework.ServicePermission \"org.gcommon.plugin.api.PluginRegistry\" \"register\")")
                .contains("org.osgi.framework.hooks.*");
        assertThat(rows.get(2)).startsWith("ALLOW").contains("\"gcommon:*\" \"!\"").contains("java.security.AllPermission");
        assertThat(rows.get(3)).startsWith("ALLOW").contains("(org.osgi.framework.PackagePermission \"*\" \"import\")")
                .doesNotContain("AllPermission").doesNotContain("SocketPermission");
    }

    @Test
    void aPluginThatDeclaresNothingGetsNoGrantRow() {
        List<String> rows = PolicyTable.rows(Map.of(WEBHOOK, SOCKET),
                List.of(new PolicyTable.PluginBundle("gcommon:deploy/webhook.jar", WEBHOOK, false)));

        assertThat(rows).hasSize(3).noneMatch(r -> r.contains("SocketPermission"));
    }

    @Test
    void locationsAreLiteralInConditions() {
        assertThat(PolicyTable.literalLocation("gcommon:deploy/a*(b).jar")).isEqualTo("gcommon:deploy/a\\*\\(b\\).jar");
        List<String> rows = PolicyTable.rows(Map.of(WEBHOOK, SOCKET),
                List.of(new PolicyTable.PluginBundle("gcommon:deploy/we*b.jar", WEBHOOK, true)));
        assertThat(rows.get(0)).contains("we\\\\*b.jar");
    }

    @Test
    void everyRowIsAValidConditionalPermissionInfo() {
        List<String> rows = PolicyTable.rows(Map.of(WEBHOOK, SOCKET),
                List.of(new PolicyTable.PluginBundle("gcommon:deploy/webhook.jar", WEBHOOK, true)));
        for (String row : rows) {
            // the encoding Conditional Permission Admin reads: access { [condition] (permission)... } "name"
            assertThat(row).matches("(ALLOW|DENY) \\{ \\[.*\\] .* \\} \".*\"");
        }
    }
}
