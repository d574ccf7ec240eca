package org.gcommon.plugin.security.scanner;

import java.util.Objects;

/**
 * A certificate that signed the archive.
 *
 * @param subject the certificate's subject distinguished name, e.g. {@code CN=Acme Plugins, O=Acme}
 * @param sha256 the SHA-256 fingerprint of the certificate, upper-case hex pairs separated by colons
 *     as {@code keytool -list} prints it; this, not the subject, is what {@code signers.trusted} lists,
 *     because anyone can make a certificate with any subject
 */
public record Signer(String subject, String sha256) {

    public Signer {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(sha256, "sha256");
    }

    @Override
    public String toString() {
        return subject + " (SHA-256 " + sha256 + ")";
    }
}
