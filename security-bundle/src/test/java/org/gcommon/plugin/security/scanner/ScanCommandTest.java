package org.gcommon.plugin.security.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.gcommon.plugin.security.scanner.samples.CleanPlugin;
import org.gcommon.plugin.security.scanner.samples.ExitingPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

class ScanCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ScanCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anAcceptedJarExitsZero() {
        Path jar = TestJar.bundle("com.acme.ok").withClass(CleanPlugin.class).writeTo(dir.resolve("ok.jar"));

        assertThat(run("scan", jar.toString())).isEqualTo(0);
        assertThat(out()).startsWith("ok.jar: ACCEPT").contains("com.acme.ok 1.0.0");
    }

    @Test
    void aRejectedJarExitsOneAndPrintsTheReasons() {
        Path jar = TestJar.bundle("com.acme.exit").withClass(ExitingPlugin.class).writeTo(dir.resolve("exit.jar"));

        assertThat(run("scan", jar.toString())).isEqualTo(1);
        assertThat(out()).startsWith("exit.jar: REJECT").contains("bytecode.system-exit");
    }

    @Test
    void jsonOutputIsJson() throws Exception {
        Path jar = TestJar.bundle("com.acme.exit").withClass(ExitingPlugin.class).writeTo(dir.resolve("exit.jar"));

        assertThat(run("scan", "--json", jar.toString())).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(out()).get("verdict").asText()).isEqualTo("REJECT");
    }

    @Test
    void aPolicyFileChangesTheVerdict() throws Exception {
        Path jar = TestJar.bundle("com.acme.exit").withClass(ExitingPlugin.class).writeTo(dir.resolve("exit.jar"));
        Path policy = Files.writeString(dir.resolve("scanner.cfg"), "rule.bytecode.system-exit=warn\n");

        assertThat(run("scan", jar.toString(), "--policy", policy.toString())).isEqualTo(0);
        assertThat(out()).contains("WARN   bytecode.system-exit");
    }

    @Test
    void aBrokenJarIsARejectionNotAUsageError() throws Exception {
        Path jar = Files.writeString(dir.resolve("broken.jar"), "garbage");

        assertThat(run("scan", jar.toString())).isEqualTo(1);
        assertThat(out()).contains("archive.invalid");
    }

    @Test
    void usageErrorsAndUnreadableFilesExitTwo() throws Exception {
        Path jar = TestJar.bundle("com.acme.ok").writeTo(dir.resolve("ok.jar"));
        Path badPolicy = Files.writeString(dir.resolve("bad.cfg"), "rule.nope=warn\n");

        assertThat(run()).isEqualTo(2);
        assertThat(err()).contains("usage: scan FILE.jar [--json] [--policy FILE]");
        assertThat(run("inspect", jar.toString())).isEqualTo(2);
        assertThat(run("scan")).isEqualTo(2);
        assertThat(run("scan", "--xml", jar.toString())).isEqualTo(2);
        assertThat(run("scan", jar.toString(), jar.toString())).isEqualTo(2);
        assertThat(run("scan", jar.toString(), "--policy")).isEqualTo(2);
        assertThat(run("scan", dir.resolve("missing.jar").toString())).isEqualTo(2);
        assertThat(err()).contains("missing.jar: no such file");
        assertThat(run("scan", dir.toString())).isEqualTo(2);
        assertThat(run("scan", jar.toString(), "--policy", dir.resolve("none.cfg").toString())).isEqualTo(2);
        assertThat(run("scan", jar.toString(), "--policy", badPolicy.toString())).isEqualTo(2);
        assertThat(err()).contains("there is no rule 'nope'");
        assertThat(out()).isEmpty();
    }
}
