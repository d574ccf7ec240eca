package org.gcommon.plugin.security.scanner;

import java.util.Optional;

/**
 * The checks of the scanner. Each rule has an id (used in reports and as policy key
 * {@code rule.<id>}), a default action and the reason for that default.
 *
 * <p>The {@code archive.*} rules cannot be relaxed: the scanner cannot vouch for an archive it
 * could not read completely, so they always reject. Their limits are set with the policy's
 * {@code archive.max-*} keys instead.
 */
public enum ScanRule {

    ARCHIVE_INVALID("archive.invalid", RuleAction.REJECT, false,
            "an archive that is not a well-formed zip, or that shows different entries to different readers, "
                    + "cannot be checked: what the scanner reads might not be what the framework loads"),
    ARCHIVE_PATH_ESCAPE("archive.path-escape", RuleAction.REJECT, false,
            "an entry path with '..' or an absolute path can write outside the target folder when the archive is "
                    + "extracted (zip slip)"),
    ARCHIVE_TOO_MANY_ENTRIES("archive.too-many-entries", RuleAction.REJECT, false,
            "a huge number of entries exhausts memory and time of every tool that lists the archive (limit: "
                    + "archive.max-entries)"),
    ARCHIVE_TOO_LARGE("archive.too-large", RuleAction.REJECT, false,
            "content that inflates beyond the limit fills memory or disk (zip bomb; limit: "
                    + "archive.max-uncompressed-bytes)"),
    ARCHIVE_COMPRESSION_RATIO("archive.compression-ratio", RuleAction.REJECT, false,
            "an entry that inflates far more than real content does is a zip bomb (limit: archive.max-ratio)"),

    MANIFEST_MISSING("manifest.missing", RuleAction.REJECT, true,
            "without META-INF/MANIFEST.MF the archive is not an OSGi bundle"),
    MANIFEST_VERSION("manifest.manifest-version", RuleAction.REJECT, true,
            "only Bundle-ManifestVersion 2 bundles have the metadata (symbolic name, imports, exports) the runtime "
                    + "relies on"),
    MANIFEST_SYMBOLIC_NAME("manifest.symbolic-name", RuleAction.REJECT, true,
            "the Bundle-SymbolicName identifies the plugin; without a valid one it cannot be managed"),
    MANIFEST_BUNDLE_VERSION("manifest.bundle-version", RuleAction.REJECT, true,
            "an invalid Bundle-Version makes the framework refuse the bundle"),
    MANIFEST_NATIVE_CODE("manifest.native-code", RuleAction.REJECT, true,
            "native code runs outside the JVM's checks: nothing can sandbox it"),
    MANIFEST_FRAMEWORK_EXTENSION("manifest.framework-extension", RuleAction.REJECT, true,
            "a fragment of the system bundle (framework extension) becomes part of the framework itself, with all "
                    + "its rights"),
    MANIFEST_REQUIRE_SYSTEM_BUNDLE("manifest.require-system-bundle", RuleAction.REJECT, true,
            "Require-Bundle on the system bundle wires every package the framework exports, including internals, "
                    + "into the plugin"),
    MANIFEST_DYNAMIC_IMPORT_ALL("manifest.dynamic-import-all", RuleAction.REJECT, true,
            "DynamicImport-Package: * lets the plugin load any exported class of any bundle, bypassing its declared "
                    + "dependencies"),
    MANIFEST_JDK_INTERNAL_IMPORT("manifest.jdk-internal-import", RuleAction.REJECT, true,
            "JDK internals (sun.*, jdk.internal.*, com.sun.* internals) bypass the platform's checks and break "
                    + "between JDK versions"),
    MANIFEST_RESERVED_EXPORT("manifest.reserved-export", RuleAction.REJECT, true,
            "org.gcommon.plugin.* is the runtime's namespace; a plugin exporting into it could shadow runtime "
                    + "classes"),
    MANIFEST_ACTIVATOR_MISSING("manifest.activator-missing", RuleAction.REJECT, true,
            "a Bundle-Activator that is not in the jar makes the bundle fail when it starts"),
    MANIFEST_COMPONENT_MISSING("manifest.component-missing", RuleAction.REJECT, true,
            "a Declarative Services component whose description or class is not in the jar never becomes active"),

    BYTECODE_SYSTEM_EXIT("bytecode.system-exit", RuleAction.REJECT, true,
            "System.exit, Runtime.exit and Runtime.halt stop the whole container and every other plugin"),
    BYTECODE_PROCESS("bytecode.process", RuleAction.REJECT, true,
            "starting operating system processes escapes every limit of the runtime"),
    BYTECODE_NATIVE_LIBRARY("bytecode.native-library", RuleAction.REJECT, true,
            "native libraries run outside the JVM's checks: nothing can sandbox them"),
    BYTECODE_UNSAFE("bytecode.unsafe", RuleAction.REJECT, true,
            "Unsafe reads and writes any memory of the JVM, including other plugins' and the runtime's state"),
    BYTECODE_SET_ACCESSIBLE("bytecode.set-accessible", RuleAction.REJECT, true,
            "setAccessible/trySetAccessible switch off Java's access checks to reach private state of other code"),
    BYTECODE_CLASS_LOADER("bytecode.class-loader", RuleAction.REJECT, true,
            "an own class loader (or defining classes at run time) loads code the scanner never saw, outside the "
                    + "framework's isolation"),
    BYTECODE_THREAD("bytecode.thread", RuleAction.WARN, true,
            "threads a plugin creates itself are not stopped with the plugin and escape the runtime's limits; use the "
                    + "runtime's executor"),
    BYTECODE_INVOKE_INTERNALS("bytecode.invoke-internals", RuleAction.REJECT, true,
            "MethodHandles.privateLookupIn and the IMPL_LOOKUP lookup grant private access to any class"),
    BYTECODE_UNREADABLE_CLASS("bytecode.unreadable-class", RuleAction.REJECT, true,
            "a class file the scanner cannot read may hide any of the calls above"),

    SIGNATURE_INVALID("signature.invalid", RuleAction.REJECT, false,
            "content that does not match its signature was changed after signing"),
    SIGNATURE_UNSIGNED_ENTRY("signature.unsigned-entry", RuleAction.REJECT, true,
            "an unsigned entry in a signed jar was added after signing and is not vouched for by the signer"),
    SIGNATURE_UNTRUSTED_SIGNER("signature.untrusted-signer", RuleAction.WARN, true,
            "a signature only means something when the administrator trusts the signer (signers.trusted)");

    private final String id;
    private final RuleAction defaultAction;
    private final boolean adjustable;
    private final String rationale;

    ScanRule(String id, RuleAction defaultAction, boolean adjustable, String rationale) {
        this.id = id;
        this.defaultAction = defaultAction;
        this.adjustable = adjustable;
        this.rationale = rationale;
    }

    /** @return the id used in reports and as policy key {@code rule.<id>}, e.g. {@code bytecode.system-exit} */
    public String id() {
        return id;
    }

    /** @return what the rule does when the policy does not say otherwise */
    public RuleAction defaultAction() {
        return defaultAction;
    }

    /** @return {@code false} for rules that always reject, whatever the policy says */
    public boolean adjustable() {
        return adjustable;
    }

    /** @return why the rule exists: what goes wrong when a plugin does what the rule finds */
    public String rationale() {
        return rationale;
    }

    /** @return the policy key of this rule: {@code rule.} followed by its id */
    public String policyKey() {
        return "rule." + id;
    }

    /**
     * @param id a rule id such as {@code bytecode.system-exit}
     * @return the rule, if there is one with that id
     */
    public static Optional<ScanRule> byId(String id) {
        for (ScanRule r : values()) {
            if (r.id.equals(id)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
