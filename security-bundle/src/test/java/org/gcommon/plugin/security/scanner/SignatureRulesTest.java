package org.gcommon.plugin.security.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.gcommon.plugin.security.scanner.samples.CleanPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed jars, made with the JDK's keytool and jarsigner. */
class SignatureRulesTest {

    private static final String RESOURCE = "com/acme/signed/config.properties";

    @TempDir
    static Path dir;
    private static byte[] signed;

    @BeforeAll
    static void signAJar() throws Exception {
        Path keystore = dir.resolve("keys.p12");
        run("keytool", "-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "secret",
                "-keypass", "secret", "-alias", "acme", "-keyalg", "EC", "-dname", "CN=Acme Plugins, O=Acme",
                "-validity", "30");
        Path unsigned = TestJar.bundle("com.acme.signed").withClass(CleanPlugin.class).text(RESOURCE, "answer=42\n")
                .writeTo(dir.resolve("unsigned.jar"));
        Path out = dir.resolve("signed.jar");
        run("jarsigner", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "secret",
                "-signedjar", out.toString(), unsigned.toString(), "acme");
        signed = Files.readAllBytes(out);
    }

    @Test
    void aSignedJarListsItsSignerAndWarnsWhenTheSignerIsNotTrusted() {
        ScanReport report = Scans.scan("signed.jar", signed);

        assertThat(report.verdict()).isEqualTo(Verdict.ACCEPT);
        assertThat(report.signers()).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo("CN=Acme Plugins,O=Acme");
            assertThat(s.sha256()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        });
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(ScanRule.SIGNATURE_UNTRUSTED_SIGNER);
            assertThat(f.severity()).isEqualTo(Severity.WARN);
            assertThat(f.message()).contains("signed by an untrusted signer").contains("CN=Acme Plugins,O=Acme")
                    .contains(report.signers().get(0).sha256()).contains("signers.trusted");
        });
    }

    @Test
    void aTrustedSignerGivesNoFinding() {
        String fingerprint = Scans.scan("signed.jar", signed).signers().get(0).sha256();
        ScanPolicy trusting = ScanPolicy.fromProperties(java.util.Map.of("signers.trusted",
                fingerprint.replace(":", "").toLowerCase()));

        ScanReport report = Scans.scan(trusting, "signed.jar", signed);

        assertThat(report.findings()).isEmpty();
        assertThat(report.signers()).hasSize(1);
    }

    @Test
    void anUntrustedSignerCanBeMadeToReject() {
        ScanPolicy strict = ScanPolicy.defaults().withAction(ScanRule.SIGNATURE_UNTRUSTED_SIGNER, RuleAction.REJECT);

        assertThat(Scans.scan(strict, "signed.jar", signed).verdict()).isEqualTo(Verdict.REJECT);
    }

    @Test
    void contentChangedAfterSigningIsRejectedNamingTheEntry() throws IOException {
        byte[] tampered = rewrite(signed, (name, content) -> name.equals(RESOURCE)
                ? "answer=43\n".getBytes(StandardCharsets.UTF_8) : content);

        ScanReport report = Scans.scan("tampered.jar", tampered);

        assertThat(report.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(report.findings(ScanRule.SIGNATURE_INVALID)).singleElement().satisfies(f -> {
            assertThat(f.entry()).isEqualTo(RESOURCE);
            assertThat(f.message()).contains("changed after the jar was signed").contains("sign the jar again");
        });
    }

    @Test
    void anEntryAddedAfterSigningIsRejected() throws IOException {
        byte[] extended = rewrite(signed, (name, content) -> content);
        extended = append(extended, "com/acme/signed/Extra.class", TestJar.classBytes(CleanPlugin.class));

        ScanReport report = Scans.scan("extended.jar", extended);

        assertThat(report.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(report.findings(ScanRule.SIGNATURE_UNSIGNED_ENTRY)).singleElement().satisfies(f -> {
            assertThat(f.entry()).isEqualTo("com/acme/signed/Extra.class");
            assertThat(f.message()).contains("added after signing");
        });
    }

    @Test
    void signatureFilesThatVerifyNothingAreRejected() throws IOException {
        byte[] broken = rewrite(signed, (name, content) -> name.endsWith(".EC") ? null : content);

        ScanReport report = Scans.scan("broken.jar", broken);

        assertThat(report.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(report.findings(ScanRule.SIGNATURE_INVALID)).singleElement().satisfies(f -> {
            assertThat(f.entry()).endsWith(".SF");
            assertThat(f.message()).contains("none of its entries verifies");
        });
        assertThat(report.signers()).isEmpty();
    }

    /** Copies a jar entry by entry; the function may change an entry's content, or drop it by returning null. */
    private static byte[] rewrite(byte[] jar, BiFunction<String, byte[], byte[]> change) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(jar));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] content = change.apply(e.getName(), in.readAllBytes());
                if (content != null) {
                    zip.putNextEntry(new ZipEntry(e.getName()));
                    zip.write(content);
                    zip.closeEntry();
                }
            }
        }
        return out.toByteArray();
    }

    private static byte[] append(byte[] jar, String name, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> seen = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(jar));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                seen.add(e.getName());
                zip.putNextEntry(new ZipEntry(e.getName()));
                in.transferTo(zip);
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        }
        assertThat(seen).doesNotContain(name);
        return out.toByteArray();
    }

    private static void run(String tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", tool).toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(tool + " finished").isTrue();
        assertThat(p.exitValue()).as(tool + " " + String.join(" ", args) + "\n" + output).isZero();
    }
}
