package org.gcommon.plugin.security.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The scanner's policy as ConfigAdmin configuration (PID {@code org.gcommon.plugin.security.scanner},
 * file {@code etc/org.gcommon.plugin.security.scanner.cfg}); the metatype describes it to tools. The
 * values are read by {@link org.gcommon.plugin.security.scanner.ScanPolicy#fromProperties}, which also
 * explains invalid ones. The {@code archive.*} rules always reject and have no setting.
 */
@ObjectClassDefinition(name = "gcommon plugin scanner", description = "What the scanner rejects, warns about or "
        + "ignores before a plugin can resolve, and its archive limits. Rule values: reject, warn or off.")
@interface ScannerConfiguration {

    String RULE = "reject, warn or off";

    @AttributeDefinition(name = "Most entries", description = "The most entries an archive may have, embedded jars' entries included")
    long archive_max$_$entries() default 50_000;

    @AttributeDefinition(name = "Most inflated bytes", description = "The most bytes all entries of an archive may inflate to; also the largest archive file")
    long archive_max$_$uncompressed$_$bytes() default 268_435_456L;

    @AttributeDefinition(name = "Largest compression ratio", description = "The largest ratio of inflated to compressed bytes of one entry")
    int archive_max$_$ratio() default 100;

    @AttributeDefinition(name = "Trusted signers", description = "SHA-256 fingerprints of signer certificates the administrator trusts (keytool -list -v)", required = false)
    String[] signers_trusted() default {};

    @AttributeDefinition(description = RULE) String rule_manifest_missing() default "reject";
    @AttributeDefinition(description = RULE) String rule_manifest_manifest$_$version() default "reject";
    @AttributeDefinition(description = RULE) String rule_manifest_symbolic$_$name() default "reject";
    @AttributeDefinition(description = RULE) String rule_manifest_bundle$_$version() default "reject";
    @AttributeDefinition(description = RULE) String rule_manifest_native$_$code() default "reject";
    @AttributeDefinition(description = RULE) String rule_manifest_framework$_$extension() default "reject";
    @AttributeDefinition(description = RULE) String rule_manifest_require$_$system$_$bundle() default "reject";
    @AttributeDefinition(description = RULE) String rule_manifest_dynamic$_$import$_$all() default "reject";
    @AttributeDefinition(description = RULE) String rule_manifest_jdk$_$internal$_$import() default "reject";
    @AttributeDefinition(description = RULE) String rule_manifest_reserved$_$export() default "reject";
    @AttributeDefinition(description = RULE) String rule_manifest_activator$_$missing() default "reject";
    @AttributeDefinition(description = RULE) String rule_manifest_component$_$missing() default "reject";
    @AttributeDefinition(description = RULE) String rule_bytecode_system$_$exit() default "reject";
    @AttributeDefinition(description = RULE) String rule_bytecode_process() default "reject";
    @AttributeDefinition(description = RULE) String rule_bytecode_native$_$library() default "reject";
    @AttributeDefinition(description = RULE) String rule_bytecode_unsafe() default "reject";
    @AttributeDefinition(description = RULE) String rule_bytecode_set$_$accessible() default "reject";
    @AttributeDefinition(description = RULE) String rule_bytecode_class$_$loader() default "reject";
    @AttributeDefinition(description = RULE) String rule_bytecode_thread() default "warn";
    @AttributeDefinition(description = RULE) String rule_bytecode_invoke$_$internals() default "reject";
    @AttributeDefinition(description = RULE) String rule_bytecode_unreadable$_$class() default "reject";
    @AttributeDefinition(description = RULE) String rule_signature_unsigned$_$entry() default "reject";
    @AttributeDefinition(description = RULE) String rule_signature_untrusted$_$signer() default "warn";
}
