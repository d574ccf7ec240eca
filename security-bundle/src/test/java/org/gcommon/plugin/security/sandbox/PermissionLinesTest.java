package org.gcommon.plugin.security.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class PermissionLinesTest {

    @Test
    void aGrantValueMayHoldSeveralPermissionsWithCommasInsideQuotes() {
        assertThat(PermissionLines.split("(java.net.SocketPermission \"127.0.0.1:80\" \"connect,resolve\"),"
                + "  (java.util.PropertyPermission \"user.home\" \"read\")")).containsExactly(
                        "(java.net.SocketPermission \"127.0.0.1:80\" \"connect,resolve\")",
                        "(java.util.PropertyPermission \"user.home\" \"read\")");
    }

    @Test
    void malformedValuesAreRefusedWithTheFix() {
        assertThatThrownBy(() -> PermissionLines.split("java.net.SocketPermission 127.0.0.1:80 connect"))
                .hasMessageContaining("not a list of permissions").hasMessageContaining("(type \"name\" \"actions\")");
        assertThatThrownBy(() -> PermissionLines.split("(java.io.FilePermission \"/tmp\" \"read\""))
                .hasMessageContaining("not a list of permissions");
    }

    @Test
    void permissionsFilesSkipCommentsAndNameABadLine() throws Exception {
        String file = "# comment\n\n(org.osgi.framework.PackagePermission \"*\" \"import\")\n// also a comment\nnot a permission\n";
        assertThatThrownBy(() -> PermissionLines.readPermissionsFile(
                new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)))).hasMessageContaining("line 5")
                        .hasMessageContaining("'not a permission'");
        assertThat(PermissionLines.readPermissionsFile(new ByteArrayInputStream(
                "# c\n(org.osgi.framework.PackagePermission \"*\" \"import\")\n".getBytes(StandardCharsets.UTF_8))))
                        .containsExactly("(org.osgi.framework.PackagePermission \"*\" \"import\")");
    }

    @Test
    void declaredPermissionsImplyNarrowerGrants() {
        var declared = java.util.List.of("(java.net.SocketPermission \"127.0.0.1:*\" \"connect,resolve\")");
        assertThat(PermissionSets.implies(declared, "(java.net.SocketPermission \"127.0.0.1:8080\" \"connect\")")).isTrue();
        assertThat(PermissionSets.implies(declared, "(java.net.SocketPermission \"10.0.0.1:8080\" \"connect\")")).isFalse();
        assertThat(PermissionSets.implies(declared, "(java.lang.RuntimePermission \"exitVM.1\")")).isFalse();
    }
}
