package org.gcommon.plugin.security.scanner.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gcommon.plugin.security.scanner.ScanRule;

/**
 * The manifest rules: a real OSGi bundle (manifest version 2, symbolic name, valid version) that brings
 * no native code, does not extend or wire the framework itself, does not reach into JDK internals or
 * the runtime's namespace, and whose activator and components are in the jar.
 */
final class ManifestRules {

    /** The packages under com.sun that JDK 17 modules export as supported API: everything else there is internal. */
    private static final Set<String> SUPPORTED_COM_SUN = Set.of("com.sun.net.httpserver", "com.sun.net.httpserver.spi",
            "com.sun.management", "com.sun.security.auth", "com.sun.security.auth.callback",
            "com.sun.security.auth.login", "com.sun.security.auth.module", "com.sun.security.jgss", "com.sun.nio.sctp",
            "com.sun.jdi", "com.sun.jdi.connect", "com.sun.jdi.connect.spi", "com.sun.jdi.event", "com.sun.jdi.request",
            "com.sun.source.doctree", "com.sun.source.tree", "com.sun.source.util", "com.sun.tools.javac",
            "com.sun.tools.attach", "com.sun.tools.attach.spi", "com.sun.tools.jconsole",
            "com.sun.java.accessibility.util");
    private static final Set<String> SYSTEM_BUNDLE_NAMES = Set.of("system.bundle", "org.apache.felix.framework");
    private static final String RESERVED = "org.gcommon.plugin";
    private static final String WHERE = EntryNames.MANIFEST;

    private final FindingCollector findings;

    ManifestRules(FindingCollector findings) {
        this.findings = findings;
    }

    /**
     * Checks the headers.
     *
     * @param bytes the manifest, or {@code null} when the archive has none
     * @return the parsed manifest, or {@code null} when there is none or it cannot be read
     */
    BundleManifest checkHeaders(byte[] bytes) {
        if (bytes == null) {
            findings.add(ScanRule.MANIFEST_MISSING, null, "the archive has no " + WHERE + ", so it is not an OSGi "
                    + "bundle; build it with bnd-maven-plugin, maven-bundle-plugin or the gcommon archetype");
            return null;
        }
        BundleManifest m;
        try {
            m = BundleManifest.parse(bytes);
        } catch (IOException | RuntimeException e) {
            findings.add(ScanRule.MANIFEST_MISSING, WHERE, "the manifest cannot be read (" + Describe.exception(e)
                    + "); lines may be at most 72 bytes and continue with a leading space. Let the build tool write it");
            return null;
        }
        String mv = m.header(BundleManifest.BUNDLE_MANIFEST_VERSION);
        if (!"2".equals(mv)) {
            findings.add(ScanRule.MANIFEST_VERSION, WHERE, (mv == null ? "Bundle-ManifestVersion is missing"
                    : "Bundle-ManifestVersion is '" + mv + "'") + ", not 2, so this is not an OSGi R4+ bundle; build it "
                    + "with bnd-maven-plugin or maven-bundle-plugin, which write Bundle-ManifestVersion: 2");
        }
        String bsn = m.symbolicName();
        if (bsn == null) {
            findings.add(ScanRule.MANIFEST_SYMBOLIC_NAME, WHERE, "the manifest has no Bundle-SymbolicName; add one, "
                    + "e.g. Bundle-SymbolicName: com.acme.cache");
        } else if (!OsgiSyntax.isSymbolicName(bsn)) {
            findings.add(ScanRule.MANIFEST_SYMBOLIC_NAME, WHERE, "Bundle-SymbolicName '" + bsn + "' is not a valid "
                    + "symbolic name (dot-separated words of letters, digits, '_' and '-'); use e.g. com.acme.cache");
        }
        String version = m.header(BundleManifest.BUNDLE_VERSION);
        if (version == null) {
            findings.info(ScanRule.MANIFEST_BUNDLE_VERSION, WHERE, "the manifest has no Bundle-Version, so the framework "
                    + "uses 0.0.0; set one so that updates can be told apart");
        } else {
            String problem = OsgiSyntax.versionProblem(version);
            if (problem != null) {
                findings.add(ScanRule.MANIFEST_BUNDLE_VERSION, WHERE, "Bundle-Version '" + version + "' is not a valid "
                        + "OSGi version: " + problem + "; use major.minor.micro[.qualifier], e.g. 1.2.0 or 1.2.0.SNAPSHOT");
            }
        }
        String nativeCode = m.header(BundleManifest.BUNDLE_NATIVE_CODE);
        if (nativeCode != null && !nativeCode.isEmpty()) {
            findings.add(ScanRule.MANIFEST_NATIVE_CODE, WHERE, "the bundle declares Bundle-NativeCode: " + nativeCode
                    + "; plugins may not bring native code. Use a pure-Java library, or ask the administrator to install "
                    + "it as a trusted runtime bundle");
        }
        checkFrameworkExtension(m);
        for (HeaderClause c : HeaderClause.parse(m.header(BundleManifest.REQUIRE_BUNDLE))) {
            for (String p : c.paths()) {
                if (SYSTEM_BUNDLE_NAMES.contains(p)) {
                    findings.add(ScanRule.MANIFEST_REQUIRE_SYSTEM_BUNDLE, WHERE, "Require-Bundle names the system "
                            + "bundle (" + p + "); import the packages the plugin needs with Import-Package instead");
                }
            }
        }
        List<String> dynamic = HeaderClause.paths(m.header(BundleManifest.DYNAMIC_IMPORT_PACKAGE));
        if (dynamic.contains("*")) {
            findings.add(ScanRule.MANIFEST_DYNAMIC_IMPORT_ALL, WHERE, "DynamicImport-Package: * lets the plugin load any "
                    + "exported class of any bundle; list the packages it needs in Import-Package (or name them in "
                    + "DynamicImport-Package)");
        }
        checkJdkInternals(HeaderClause.paths(m.header(BundleManifest.IMPORT_PACKAGE)), BundleManifest.IMPORT_PACKAGE);
        checkJdkInternals(dynamic, BundleManifest.DYNAMIC_IMPORT_PACKAGE);
        for (String p : HeaderClause.paths(m.header(BundleManifest.EXPORT_PACKAGE))) {
            if (p.equals(RESERVED) || p.startsWith(RESERVED + ".")) {
                findings.add(ScanRule.MANIFEST_RESERVED_EXPORT, WHERE, "the bundle exports " + p + ", in the runtime's "
                        + "reserved namespace " + RESERVED + ".*; move the package to the plugin's own namespace "
                        + "(e.g. com.acme.*) or stop exporting it");
            }
        }
        return m;
    }

    private void checkFrameworkExtension(BundleManifest m) {
        for (HeaderClause c : HeaderClause.parse(m.header(BundleManifest.FRAGMENT_HOST))) {
            String host = c.paths().get(0);
            String extension = c.directives().get("extension");
            if (SYSTEM_BUNDLE_NAMES.contains(host) || extension != null) {
                findings.add(ScanRule.MANIFEST_FRAMEWORK_EXTENSION, WHERE, "the bundle is a fragment of the system "
                        + "bundle (Fragment-Host: " + host + (extension == null ? "" : ";extension:=" + extension)
                        + "), a framework extension; plugins cannot extend the framework. Make it a normal bundle that "
                        + "imports what it needs");
            }
        }
        if (m.header(BundleManifest.EXTENSION_ACTIVATOR) != null) {
            findings.add(ScanRule.MANIFEST_FRAMEWORK_EXTENSION, WHERE, "the bundle declares ExtensionBundle-Activator, "
                    + "which only framework extensions have; plugins cannot extend the framework, remove the header");
        }
    }

    private void checkJdkInternals(List<String> packages, String header) {
        for (String p : packages) {
            if (isJdkInternal(p)) {
                findings.add(ScanRule.MANIFEST_JDK_INTERNAL_IMPORT, WHERE, header + " names " + p + ", an internal "
                        + "package of the JDK; use a supported Java API instead and remove the import (with bnd: "
                        + "Import-Package: !" + p + ", *)");
            }
        }
    }

    static boolean isJdkInternal(String pkg) {
        return pkg.equals("sun") || pkg.startsWith("sun.") || pkg.equals("jdk.internal") || pkg.startsWith("jdk.internal.")
                || pkg.startsWith("com.sun.") && !SUPPORTED_COM_SUN.contains(pkg);
    }

    /**
     * Checks that the activator and the Declarative Services components are in the jar. Only meaningful
     * when the whole archive was read.
     *
     * @param m the manifest
     * @param entries the archive's entry names
     * @param embedded entry names of embedded jars, by the jar's entry
     * @param components implementation classes of component descriptions, by the description's entry
     */
    void checkPresence(BundleManifest m, Set<String> entries, Map<String, Set<String>> embedded,
            Map<String, List<String>> components) {
        if (m.isFragment()) {
            return; // a fragment's classes may live in its host
        }
        List<String> classPath = m.classPath();
        String activator = m.header(BundleManifest.BUNDLE_ACTIVATOR);
        if (activator != null && !activator.isEmpty()
                && !hasClass(HeaderClause.paths(activator).stream().findFirst().orElse(activator), classPath, entries,
                        embedded)) {
            findings.add(ScanRule.MANIFEST_ACTIVATOR_MISSING, WHERE, "Bundle-Activator names " + activator + ", but "
                    + EntryNames.classEntry(activator) + " is not on the bundle's class path " + classPath + "; fix the "
                    + "class name or add the class (or drop the activator in favour of a Declarative Services component)");
        }
        for (String path : HeaderClause.paths(m.header(BundleManifest.SERVICE_COMPONENT))) {
            String p = path.startsWith("/") ? path.substring(1) : path;
            if (p.indexOf('*') < 0 && !entries.contains(p)) {
                findings.add(ScanRule.MANIFEST_COMPONENT_MISSING, WHERE, "Service-Component names " + p + ", which is "
                        + "not in the jar; fix the header or add the file (bnd writes both from @Component)");
            }
        }
        components.forEach((xml, classes) -> {
            for (String c : classes) {
                if (!hasClass(c, classPath, entries, embedded)) {
                    findings.add(ScanRule.MANIFEST_COMPONENT_MISSING, xml, "the component description implements " + c
                            + ", but " + EntryNames.classEntry(c) + " is not on the bundle's class path " + classPath
                            + "; fix the class name or add the class");
                }
            }
        });
    }

    private static boolean hasClass(String className, List<String> classPath, Set<String> entries,
            Map<String, Set<String>> embedded) {
        String entry = EntryNames.classEntry(className.trim());
        for (String root : classPath) {
            if (root.equals(".") ? entries.contains(entry)
                    : entries.contains(root + "/" + entry)
                            || embedded.getOrDefault(root, Set.of()).contains(entry)) {
                return true;
            }
        }
        return false;
    }
}
