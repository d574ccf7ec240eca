package org.gcommon.plugin.security.scanner.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/** The headers of a bundle manifest the scanner works with. */
final class BundleManifest {

    static final String BUNDLE_MANIFEST_VERSION = "Bundle-ManifestVersion";
    static final String BUNDLE_SYMBOLIC_NAME = "Bundle-SymbolicName";
    static final String BUNDLE_VERSION = "Bundle-Version";
    static final String BUNDLE_NATIVE_CODE = "Bundle-NativeCode";
    static final String FRAGMENT_HOST = "Fragment-Host";
    static final String REQUIRE_BUNDLE = "Require-Bundle";
    static final String IMPORT_PACKAGE = "Import-Package";
    static final String DYNAMIC_IMPORT_PACKAGE = "DynamicImport-Package";
    static final String EXPORT_PACKAGE = "Export-Package";
    static final String BUNDLE_ACTIVATOR = "Bundle-Activator";
    static final String EXTENSION_ACTIVATOR = "ExtensionBundle-Activator";
    static final String SERVICE_COMPONENT = "Service-Component";
    static final String BUNDLE_CLASSPATH = "Bundle-ClassPath";

    private final Attributes main;

    private BundleManifest(Attributes main) {
        this.main = main;
    }

    /**
     * @param bytes the manifest's bytes
     * @return the manifest
     * @throws IOException when the bytes are not a manifest
     */
    static BundleManifest parse(byte[] bytes) throws IOException {
        return new BundleManifest(new Manifest(new ByteArrayInputStream(bytes)).getMainAttributes());
    }

    /** @return the header's value, trimmed, or {@code null} when absent */
    String header(String name) {
        String v = main.getValue(name);
        return v == null ? null : v.trim();
    }

    /** @return the symbolic name without attributes or directives, or {@code null} when absent or blank */
    String symbolicName() {
        List<HeaderClause> clauses = HeaderClause.parse(header(BUNDLE_SYMBOLIC_NAME));
        return clauses.isEmpty() ? null : clauses.get(0).paths().get(0);
    }

    boolean isFragment() {
        return header(FRAGMENT_HOST) != null;
    }

    /** @return the Bundle-ClassPath roots, normalised ({@code .} for the archive's root); {@code .} by default */
    List<String> classPath() {
        List<String> roots = new ArrayList<>();
        for (String p : HeaderClause.paths(header(BUNDLE_CLASSPATH))) {
            String r = p;
            while (r.startsWith("/")) {
                r = r.substring(1);
            }
            while (r.endsWith("/")) {
                r = r.substring(0, r.length() - 1);
            }
            roots.add(r.isEmpty() ? "." : r);
        }
        if (roots.isEmpty()) {
            roots.add(".");
        }
        return roots;
    }
}
