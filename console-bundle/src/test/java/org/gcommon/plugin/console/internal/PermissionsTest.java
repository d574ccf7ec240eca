package org.gcommon.plugin.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;

class PermissionsTest {

    @Test
    void readsPermissionLinesAndSkipsCommentsAndBlankLines() throws Exception {
        String file = """
                # what the cache needs
                (org.osgi.framework.PackagePermission "*" "import")

                // its own data
                  (java.io.FilePermission "data/-" "read,write")\s
                """;

        List<String> lines = PermissionsFile.parse(new BufferedReader(new StringReader(file)));

        assertThat(lines).containsExactly("(org.osgi.framework.PackagePermission \"*\" \"import\")",
                "(java.io.FilePermission \"data/-\" \"read,write\")");
    }

    @Test
    void withoutSecurityManagerEveryBundleHasAllPermissionWhateverItDeclares() {
        Permissions permissions = Permissions.of(List.of("(java.util.PropertyPermission \"*\" \"read\")"), false);

        assertThat(permissions.declared()).containsExactly("(java.util.PropertyPermission \"*\" \"read\")");
        assertThat(permissions.effective()).containsExactly("java.security.AllPermission");
    }

    @Test
    void withSecurityManagerTheDeclaredLinesAreEffective() {
        Permissions permissions = Permissions.of(List.of("(java.util.PropertyPermission \"*\" \"read\")"), true);

        assertThat(permissions.effective()).containsExactly("(java.util.PropertyPermission \"*\" \"read\")");
    }
}
