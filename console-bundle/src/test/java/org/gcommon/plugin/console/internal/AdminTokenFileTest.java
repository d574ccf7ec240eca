package org.gcommon.plugin.console.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenFileTest {

    @TempDir
    Path home;

    @Test
    void theFirstStartCreatesAnOwnerOnlyTokenThatLaterStartsRead() throws IOException {
        Path file = home.resolve("etc").resolve(AdminTokenFile.NAME);

        String token = AdminTokenFile.readOrCreate(file);

        assertThat(token).hasSizeGreaterThanOrEqualTo(43).matches("[A-Za-z0-9_-]+");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(AdminTokenFile.readableByOthers(file)).isFalse();
        assertThat(AdminTokenFile.readOrCreate(file)).isEqualTo(token);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file); // no temporary file left behind
        }
    }

    @Test
    void twoHomesGetDifferentTokens() throws IOException {
        assertThat(AdminTokenFile.readOrCreate(home.resolve("a/admin.token")))
                .isNotEqualTo(AdminTokenFile.readOrCreate(home.resolve("b/admin.token")));
    }

    @Test
    void anEmptyTokenFileIsRefusedWithTheFix() throws IOException {
        Path file = home.resolve(AdminTokenFile.NAME);
        Files.writeString(file, "\n");

        assertThatThrownBy(() -> AdminTokenFile.readOrCreate(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("holds no token: delete it and restart");
    }

    @Test
    void aTokenFileOthersCanReadIsNoticed() throws IOException {
        Path file = home.resolve(AdminTokenFile.NAME);
        Files.writeString(file, "secret\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(AdminTokenFile.readableByOthers(file)).isTrue();
        assertThat(AdminTokenFile.readOrCreate(file)).isEqualTo("secret");
    }
}
