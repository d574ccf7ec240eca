package org.gcommon.container;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Signs jars as a plugin author does, with the JDK's own {@code keytool} and {@code jarsigner}: a key
 * pair with a self-signed certificate in a PKCS12 keystore, then a signature over every entry.
 */
final class SignedJars {

    static final String PASSWORD = "gcommon-test";
    static final String ALIAS = "plugin-signer";
    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(1);

    private final Path keystore;

    private SignedJars(Path keystore) {
        this.keystore = keystore;
    }

    /**
     * @param keystore where to write the keystore (it must not exist)
     * @param subject  the certificate's subject, e.g. {@code CN=Acme Plugins,O=Acme}
     * @return a signer with a fresh RSA key
     */
    static SignedJars withNewKey(Path keystore, String subject) throws IOException, InterruptedException {
        run(keystore.getParent(), "keytool", "-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048",
                "-sigalg", "SHA256withRSA", "-validity", "30", "-dname", subject, "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        return new SignedJars(keystore);
    }

    /** Signs the jar in place (SHA-256 digests, SHA256withRSA). */
    void sign(Path jar) throws IOException, InterruptedException {
        run(keystore.getParent(), "jarsigner", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD,
                "-keypass", PASSWORD, "-digestalg", "SHA-256", "-sigalg", "SHA256withRSA", jar.toString(), ALIAS);
    }

    /** @return the certificate's SHA-256 fingerprint as the runtime shows it: upper-case hex pairs and colons */
    String fingerprint() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        Certificate certificate = store.getCertificate(ALIAS);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        return HexFormat.ofDelimiter(":").formatHex(digest).toUpperCase(Locale.ROOT);
    }

    /**
     * Rewrites a jar with the bytes of one entry changed and everything else, signature files included,
     * copied as it was: what a tampered download looks like.
     */
    static void tamper(Path jar, String entryName, byte[] newContent) throws IOException {
        Path copy = jar.resolveSibling(jar.getFileName() + ".tampered");
        try (ZipFile zip = new ZipFile(jar.toFile()); OutputStream out = Files.newOutputStream(copy);
                ZipOutputStream zipOut = new ZipOutputStream(out)) {
            List<? extends ZipEntry> entries = new ArrayList<>(Collections.list(zip.entries()));
            for (ZipEntry entry : entries) {
                zipOut.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals(entryName)) {
                    zipOut.write(newContent);
                } else {
                    try (InputStream in = zip.getInputStream(entry)) {
                        in.transferTo(zipOut);
                    }
                }
                zipOut.closeEntry();
            }
        }
        Files.move(copy, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Runs a JDK tool in {@code dir}, where its output is kept too (not beside the jars of a repository). */
    private static void run(Path dir, String tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", tool).toString());
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, tool, ".txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(TOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(tool + " did not finish within " + TOOL_TIMEOUT + ": " + Files.readString(log));
        }
        if (process.exitValue() != 0) {
            throw new IOException(tool + " exited with " + process.exitValue() + ": " + Files.readString(log));
        }
    }
}
