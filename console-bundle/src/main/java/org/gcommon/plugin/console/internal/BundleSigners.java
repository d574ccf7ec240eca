package org.gcommon.plugin.console.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.osgi.framework.Bundle;

/**
 * Who signed a bundle, as the framework verified it: each signer's certificate subject and SHA-256
 * fingerprint, formatted as the scanner's {@code signers.trusted} setting takes it, so an operator can
 * copy it there.
 */
final class BundleSigners {

    /**
     * @param subject the signer certificate's subject
     * @param sha256  its SHA-256 fingerprint, upper-case hex pairs separated by colons
     */
    record Signer(String subject, String sha256) {
    }

    private BundleSigners() {
    }

    /**
     * @param bundle a bundle, or {@code null}
     * @return its signers, sorted by subject; empty when it is unsigned, gone, or the framework does not
     *         verify signatures (no security extension)
     */
    static List<Signer> of(Bundle bundle) {
        if (bundle == null) {
            return List.of();
        }
        List<Signer> signers = new ArrayList<>();
        try {
            for (X509Certificate certificate : bundle.getSignerCertificates(Bundle.SIGNERS_ALL).keySet()) {
                signers.add(new Signer(certificate.getSubjectX500Principal().getName(), fingerprint(certificate)));
            }
        } catch (IllegalStateException | SecurityException e) {
            // uninstalled meanwhile: shown without signers, as it is shown without permissions
            return List.of();
        }
        signers.sort(Comparator.comparing(Signer::subject));
        return signers;
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").formatHex(digest).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return "";
        }
    }
}
