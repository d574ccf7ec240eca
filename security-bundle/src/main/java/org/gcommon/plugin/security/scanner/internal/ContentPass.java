package org.gcommon.plugin.security.scanner.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import org.gcommon.plugin.security.scanner.ScanPolicy;
import org.gcommon.plugin.security.scanner.ScanRule;
import org.gcommon.plugin.security.scanner.Signer;

/**
 * The second look, through the zip's central directory, the way the framework reads a bundle: the
 * listing and every entry's content must match what the first pass streamed (so nothing is hidden from
 * either reader), classes go through the bytecode rules, embedded jars on the Bundle-ClassPath are
 * opened, component descriptions are read, and a signed jar is verified entry by entry.
 */
final class ContentPass {

    /** More Service-Component paths than this are not matched against entries. */
    private static final int MAX_COMPONENT_PATTERNS = 1000;

    /** What the second look found. */
    record Result(boolean complete, Map<String, Set<String>> embedded, Map<String, List<String>> components,
            List<Signer> signers) {
    }

    private final ArchiveBudget budget;
    private final FindingCollector findings;
    private final ClassInspector classes;
    private final byte[] buffer = new byte[8192];

    ContentPass(ArchiveBudget budget, FindingCollector findings) {
        this.budget = budget;
        this.findings = findings;
        this.classes = new ClassInspector(findings);
    }

    Result run(Path file, StreamPass.Result stream, BundleManifest manifest) {
        Map<String, Set<String>> embedded = new HashMap<>();
        Map<String, List<String>> components = new LinkedHashMap<>();
        Map<String, Signer> signers = new LinkedHashMap<>();
        Set<String> classPathJars = new HashSet<>();
        List<String> componentPatterns = new ArrayList<>();
        if (manifest != null) {
            for (String root : manifest.classPath()) {
                if (!root.equals(".") && stream.entries().containsKey(root)) {
                    classPathJars.add(root);
                }
            }
            List<String> patterns = HeaderClause.paths(manifest.header(BundleManifest.SERVICE_COMPONENT));
            componentPatterns.addAll(patterns.subList(0, Math.min(patterns.size(), MAX_COMPONENT_PATTERNS)));
        }
        boolean verify = stream.signatureFiles();
        String current = null;
        try (JarFile jar = new JarFile(file.toFile(), verify, ZipFile.OPEN_READ)) {
            List<JarEntry> listed = listing(jar, stream.entries());
            if (listed == null) {
                return incomplete();
            }
            List<String> unsigned = new ArrayList<>();
            boolean anySigned = false;
            for (JarEntry e : listed) {
                String name = e.getName();
                current = name;
                StreamPass.EntryDigest expected = stream.entries().get(name);
                DigestingInputStream content;
                try (InputStream in = jar.getInputStream(e)) {
                    content = new DigestingInputStream(in, expected.size());
                    if (EntryNames.isClass(name)) {
                        inspectClass(name, content, expected.size());
                    } else if (classPathJars.contains(name)) {
                        embedded.put(name, walkEmbedded(name, content));
                    } else if (matchesAny(componentPatterns, name) && expected.size() <= ComponentDescriptors.MAX_XML_BYTES) {
                        components.put(name, ComponentDescriptors.implementationClasses(content.readAllBytes()));
                    }
                    content.drain();
                } catch (SecurityException tampered) {
                    findings.add(ScanRule.SIGNATURE_INVALID, name, "the entry does not match its signature ("
                            + Describe.exception(tampered) + "): it was changed after the jar was signed. Rebuild and "
                            + "sign the jar again; never edit a signed jar");
                    continue;
                } catch (DigestingInputStream.LongerThanExpected longer) {
                    disagree(name, "its content in the central directory is longer than its local entry");
                    return incomplete();
                }
                if (content.size() != expected.size() || content.crc() != expected.crc()) {
                    disagree(name, "its content through the central directory differs from its local entry");
                    return incomplete();
                }
                if (verify && !e.isDirectory() && !EntryNames.isSigningRelated(name)) {
                    CodeSigner[] codeSigners = e.getCodeSigners();
                    if (codeSigners == null || codeSigners.length == 0) {
                        unsigned.add(name);
                    } else {
                        anySigned = true;
                        for (CodeSigner cs : codeSigners) {
                            Signer s = signer(cs);
                            if (s != null) {
                                signers.putIfAbsent(s.sha256(), s);
                            }
                        }
                    }
                }
            }
            current = null;
            if (verify) {
                judgeSignatures(stream, anySigned, unsigned, signers.values());
            }
        } catch (LimitReached limit) {
            findings.add(limit.rule, limit.entry, limit.getMessage());
            return incomplete();
        } catch (SecurityException tampered) {
            findings.add(ScanRule.SIGNATURE_INVALID, current, "the jar's signature cannot be verified ("
                    + Describe.exception(tampered) + "); rebuild and sign the jar again");
            return incomplete();
        } catch (IOException | RuntimeException ex) {
            findings.add(ScanRule.ARCHIVE_INVALID, current, "the archive cannot be read through its central directory, "
                    + "as the framework reads it: " + Describe.exception(ex) + ". Rebuild it with the jar tool or Maven");
            return incomplete();
        }
        return new Result(true, embedded, components, List.copyOf(signers.values()));
    }

    private static Result incomplete() {
        return new Result(false, Map.of(), Map.of(), List.of());
    }

    /** @return the central directory's entries, or {@code null} when they are not exactly the streamed ones */
    private List<JarEntry> listing(JarFile jar, Map<String, StreamPass.EntryDigest> streamed) {
        List<JarEntry> listed = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Enumeration<JarEntry> en = jar.entries();
        while (en.hasMoreElements()) {
            JarEntry e = en.nextElement();
            String name = e.getName();
            if (!streamed.containsKey(name)) {
                disagree(name, "the central directory lists it, but reading the archive from its start does not find "
                        + "it (data hidden before or inside other entries)");
                return null;
            }
            if (!names.add(name)) {
                disagree(name, "the central directory lists it twice");
                return null;
            }
            listed.add(e);
        }
        if (listed.size() != streamed.size()) {
            String missing = streamed.keySet().stream().filter(n -> !names.contains(n)).findFirst().orElse(null);
            disagree(missing, "the entry is in the archive but not in its central directory, so the framework would not "
                    + "see it");
            return null;
        }
        return listed;
    }

    private void disagree(String entry, String what) {
        findings.add(ScanRule.ARCHIVE_INVALID, entry, "the zip's central directory (what the framework reads) and its "
                + "entries disagree: " + what + ". Such archives look different to different tools; rebuild it with the "
                + "jar tool or Maven");
    }

    private void inspectClass(String name, InputStream content, long size) throws IOException {
        if (size > ClassInspector.MAX_CLASS_BYTES) {
            classes.tooLarge(name, size);
            return;
        }
        classes.inspect(name, content.readNBytes((int) size));
    }

    /** Walks a jar embedded on the Bundle-ClassPath: its entries count against the limits, its classes are checked. */
    private Set<String> walkEmbedded(String jarName, InputStream content) throws IOException {
        Set<String> names = new HashSet<>();
        CountingInputStream counted = new CountingInputStream(content, null);
        String current = null;
        try (ZipInputStream zip = new ZipInputStream(counted)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                String inner = e.getName();
                current = inner;
                String where = jarName + "!/" + inner;
                budget.entry(where);
                names.add(inner);
                long start = counted.count();
                if (EntryNames.isClass(inner)) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    long size = 0;
                    int n;
                    while ((n = zip.read(buffer)) > 0) {
                        size += n;
                        budget.inflated(where, size, counted.count() - start, n);
                        if (size <= ClassInspector.MAX_CLASS_BYTES) {
                            bytes.write(buffer, 0, n);
                        }
                    }
                    if (size > ClassInspector.MAX_CLASS_BYTES) {
                        classes.tooLarge(where, size);
                    } else {
                        classes.inspect(where, bytes.toByteArray());
                    }
                } else {
                    long size = 0;
                    int n;
                    while ((n = zip.read(buffer)) > 0) {
                        size += n;
                        budget.inflated(where, size, counted.count() - start, n);
                    }
                }
            }
        } catch (IOException | IllegalArgumentException ex) {
            if (ex instanceof DigestingInputStream.LongerThanExpected longer) {
                throw longer;
            }
            findings.add(ScanRule.ARCHIVE_INVALID, current == null ? jarName : jarName + "!/" + current, "the jar "
                    + "embedded on the Bundle-ClassPath cannot be read (" + Describe.exception(ex) + "); rebuild it, or "
                    + "remove it from the Bundle-ClassPath");
        }
        return names;
    }

    private void judgeSignatures(StreamPass.Result stream, boolean anySigned, List<String> unsigned,
            Collection<Signer> signers) {
        if (!anySigned) {
            String sf = stream.entries().keySet().stream().filter(EntryNames::isSignatureFile).findFirst().orElse(null);
            findings.add(ScanRule.SIGNATURE_INVALID, sf, "the jar has signature files, but none of its entries verifies "
                    + "against them (a broken signature, or one made with an algorithm this JDK no longer accepts, such "
                    + "as SHA-1 or MD5); sign the jar again with jarsigner and a SHA-256 algorithm, or remove the "
                    + "signature files");
            return;
        }
        for (String name : unsigned) {
            findings.add(ScanRule.SIGNATURE_UNSIGNED_ENTRY, name, "the jar is signed but this entry is not: it was added "
                    + "after signing. Sign the jar again after the last change to it");
        }
        ScanPolicy policy = findings.policy();
        for (Signer s : signers) {
            if (!policy.trusts(s)) {
                findings.add(ScanRule.SIGNATURE_UNTRUSTED_SIGNER, null, "signed by an untrusted signer: " + s
                        + ". If the administrator trusts this certificate, add its fingerprint to "
                        + ScanPolicy.TRUSTED_SIGNERS + " in etc/" + ScanPolicy.PID + ".cfg");
            }
        }
    }

    private static boolean matchesAny(List<String> patterns, String name) {
        for (String p : patterns) {
            if (ComponentDescriptors.matches(p, name)) {
                return true;
            }
        }
        return false;
    }

    private static Signer signer(CodeSigner cs) {
        List<? extends Certificate> chain = cs.getSignerCertPath().getCertificates();
        if (chain.isEmpty()) {
            return null;
        }
        Certificate c = chain.get(0);
        String subject = c instanceof X509Certificate x ? x.getSubjectX500Principal().getName() : c.getType();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(c.getEncoded());
            StringBuilder hex = new StringBuilder(95);
            for (byte b : digest) {
                if (hex.length() > 0) {
                    hex.append(':');
                }
                hex.append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
            return new Signer(subject, hex.toString());
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return null;
        }
    }
}
