package org.gcommon.plugin.security.scanner;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the scanner rejects, warns about or ignores, and its archive limits. Immutable.
 *
 * <p>Read from properties with the keys of {@code etc/org.gcommon.plugin.security.scanner.cfg}:
 * <pre>
 * rule.bytecode.thread = warn             # reject | warn | off, for every rule id of {@link ScanRule}
 * archive.max-entries = 50000
 * archive.max-uncompressed-bytes = 268435456
 * archive.max-ratio = 100
 * signers.trusted = 3A:1F:...:9C, 77:0B:...:E1   # SHA-256 fingerprints of trusted signer certificates
 * </pre>
 * Keys that start with {@code rule.}, {@code archive.} or {@code signers.} must be known ones with
 * valid values; other keys (such as ConfigAdmin's {@code service.pid}) are ignored.
 */
public final class ScanPolicy {

    /** The ConfigAdmin PID of the scanner's policy, also the name of its file in {@code etc/} (plus {@code .cfg}). */
    public static final String PID = "org.gcommon.plugin.security.scanner";
    /** Key prefix of a rule's action; the rule's id follows. */
    public static final String RULE_PREFIX = "rule.";
    /** Key: the most entries an archive may have (embedded jars' entries count too). */
    public static final String MAX_ENTRIES = "archive.max-entries";
    /** Key: the most bytes an archive's entries may inflate to, all together (and the largest archive file). */
    public static final String MAX_UNCOMPRESSED_BYTES = "archive.max-uncompressed-bytes";
    /** Key: the largest compression ratio (inflated / compressed bytes) of one entry. */
    public static final String MAX_RATIO = "archive.max-ratio";
    /** Key: SHA-256 fingerprints of the signer certificates the administrator trusts, separated by commas or blanks. */
    public static final String TRUSTED_SIGNERS = "signers.trusted";

    /** Default of {@link #MAX_ENTRIES}: far above real plugins (Guava has about 2,000 entries). */
    public static final long DEFAULT_MAX_ENTRIES = 50_000;
    /** Default of {@link #MAX_UNCOMPRESSED_BYTES}: 256 MiB. */
    public static final long DEFAULT_MAX_UNCOMPRESSED_BYTES = 256L * 1024 * 1024;
    /** Default of {@link #MAX_RATIO}: class files and text compress 2 to 20 times, zip bombs about 1,000 times. */
    public static final int DEFAULT_MAX_RATIO = 100;

    private static final ScanPolicy DEFAULTS = new ScanPolicy(defaultActions(), DEFAULT_MAX_ENTRIES,
            DEFAULT_MAX_UNCOMPRESSED_BYTES, DEFAULT_MAX_RATIO, Set.of());

    private final Map<ScanRule, RuleAction> actions;
    private final long maxEntries;
    private final long maxUncompressedBytes;
    private final int maxRatio;
    private final Set<String> trustedSigners;

    private ScanPolicy(Map<ScanRule, RuleAction> actions, long maxEntries, long maxUncompressedBytes, int maxRatio,
            Set<String> trustedSigners) {
        this.actions = Collections.unmodifiableMap(new EnumMap<>(actions));
        this.maxEntries = maxEntries;
        this.maxUncompressedBytes = maxUncompressedBytes;
        this.maxRatio = maxRatio;
        this.trustedSigners = Collections.unmodifiableSet(new LinkedHashSet<>(trustedSigners));
    }

    /** @return the default policy: every rule at its {@link ScanRule#defaultAction()}, default limits, no trusted signer */
    public static ScanPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * Reads a policy from properties, e.g. a ConfigAdmin configuration. Missing keys keep their defaults.
     *
     * @param properties keys and values (strings, numbers, or for {@link #TRUSTED_SIGNERS} also string arrays
     *     or collections)
     * @return the policy
     * @throws IllegalArgumentException listing every key with a problem, its value and what is accepted
     */
    public static ScanPolicy fromProperties(Map<String, ?> properties) {
        Objects.requireNonNull(properties, "properties");
        Map<ScanRule, RuleAction> actions = defaultActions();
        long maxEntries = DEFAULT_MAX_ENTRIES;
        long maxBytes = DEFAULT_MAX_UNCOMPRESSED_BYTES;
        long maxRatio = DEFAULT_MAX_RATIO;
        Set<String> signers = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        // Sorted, so that problems are listed in a stable order.
        for (Map.Entry<String, ?> e : new TreeMap<String, Object>(properties).entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            try {
                if (key.startsWith(RULE_PREFIX)) {
                    String id = key.substring(RULE_PREFIX.length());
                    ScanRule rule = ScanRule.byId(id).orElseThrow(() -> new IllegalArgumentException(
                            "there is no rule '" + id + "'; the rules are " + ruleIds()));
                    RuleAction action = RuleAction.parse(String.valueOf(value));
                    checkAdjustable(rule, action);
                    actions.put(rule, action);
                } else if (key.equals(MAX_ENTRIES)) {
                    maxEntries = positive(value);
                } else if (key.equals(MAX_UNCOMPRESSED_BYTES)) {
                    maxBytes = positive(value);
                } else if (key.equals(MAX_RATIO)) {
                    maxRatio = positive(value);
                    if (maxRatio > Integer.MAX_VALUE) {
                        throw new IllegalArgumentException("must be at most " + Integer.MAX_VALUE);
                    }
                } else if (key.equals(TRUSTED_SIGNERS)) {
                    signers.addAll(fingerprints(value));
                } else if (key.startsWith("archive.") || key.startsWith("signers.")) {
                    throw new IllegalArgumentException("unknown key; the keys are " + MAX_ENTRIES + ", "
                            + MAX_UNCOMPRESSED_BYTES + ", " + MAX_RATIO + ", " + TRUSTED_SIGNERS + " and rule.<id>");
                }
            } catch (IllegalArgumentException ex) {
                problems.add(key + "=" + display(value) + ": " + ex.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid scanner policy: " + String.join("; ", problems));
        }
        return new ScanPolicy(actions, maxEntries, maxBytes, (int) maxRatio, signers);
    }

    /**
     * Reads a policy file in {@link Properties} format (a {@code .cfg} file of {@code etc/}).
     *
     * @param file the file
     * @return the policy
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException naming the file and every key with a problem
     */
    public static ScanPolicy load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> map.put(k, p.getProperty(k)));
        try {
            return fromProperties(map);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param rule a rule
     * @return what this policy does with the rule's findings
     */
    public RuleAction action(ScanRule rule) {
        return actions.get(Objects.requireNonNull(rule, "rule"));
    }

    /** @return the most entries an archive may have, embedded jars' entries included */
    public long maxEntries() {
        return maxEntries;
    }

    /** @return the most bytes all entries of an archive may inflate to; also the largest archive file accepted */
    public long maxUncompressedBytes() {
        return maxUncompressedBytes;
    }

    /** @return the largest ratio of inflated to compressed bytes of one entry */
    public int maxRatio() {
        return maxRatio;
    }

    /** @return SHA-256 fingerprints of trusted signer certificates, formatted as {@link Signer#sha256()} */
    public Set<String> trustedSigners() {
        return trustedSigners;
    }

    /**
     * @param signer a signer of an archive
     * @return whether its certificate's fingerprint is listed in {@link #TRUSTED_SIGNERS}
     */
    public boolean trusts(Signer signer) {
        return trustedSigners.contains(signer.sha256());
    }

    /**
     * @param rule a rule
     * @param action what to do with its findings
     * @return a copy of this policy with the rule's action changed
     * @throws IllegalArgumentException when the rule cannot be relaxed
     */
    public ScanPolicy withAction(ScanRule rule, RuleAction action) {
        checkAdjustable(Objects.requireNonNull(rule, "rule"), Objects.requireNonNull(action, "action"));
        Map<ScanRule, RuleAction> copy = new EnumMap<>(actions);
        copy.put(rule, action);
        return new ScanPolicy(copy, maxEntries, maxUncompressedBytes, maxRatio, trustedSigners);
    }

    /**
     * @param max the most entries an archive may have, at least 1
     * @return a copy of this policy with that limit
     */
    public ScanPolicy withMaxEntries(long max) {
        return new ScanPolicy(actions, positive(max), maxUncompressedBytes, maxRatio, trustedSigners);
    }

    /**
     * @param max the most bytes all entries may inflate to, at least 1
     * @return a copy of this policy with that limit
     */
    public ScanPolicy withMaxUncompressedBytes(long max) {
        return new ScanPolicy(actions, maxEntries, positive(max), maxRatio, trustedSigners);
    }

    /**
     * @param max the largest compression ratio of an entry, at least 1
     * @return a copy of this policy with that limit
     */
    public ScanPolicy withMaxRatio(int max) {
        return new ScanPolicy(actions, maxEntries, maxUncompressedBytes, (int) positive(max), trustedSigners);
    }

    /**
     * @param sha256Fingerprints fingerprints of trusted signer certificates (64 hex digits, colons allowed)
     * @return a copy of this policy trusting exactly those signers
     */
    public ScanPolicy withTrustedSigners(Collection<String> sha256Fingerprints) {
        return new ScanPolicy(actions, maxEntries, maxUncompressedBytes, maxRatio, fingerprints(sha256Fingerprints));
    }

    /**
     * @return this policy as a commented {@code .cfg} file: every key with its value, each rule with the
     *     reason for its default — what an administrator copies into {@code etc/} to change it
     */
    public String toConfigText() {
        StringBuilder b = new StringBuilder();
        b.append("# gcommon plugin scanner policy (").append(PID).append(")\n");
        b.append("# Rules: reject | warn | off. archive.* rules always reject; tune their limits instead.\n\n");
        b.append(MAX_ENTRIES).append(" = ").append(maxEntries).append('\n');
        b.append(MAX_UNCOMPRESSED_BYTES).append(" = ").append(maxUncompressedBytes).append('\n');
        b.append(MAX_RATIO).append(" = ").append(maxRatio).append('\n');
        b.append("# SHA-256 fingerprints (keytool -list -v, line 'SHA256:'), separated by commas\n");
        b.append(TRUSTED_SIGNERS).append(" = ").append(String.join(", ", trustedSigners)).append("\n\n");
        for (ScanRule rule : ScanRule.values()) {
            b.append("# ").append(rule.rationale()).append('\n');
            b.append(rule.adjustable() ? "" : "# (always reject) ");
            b.append(rule.policyKey()).append(" = ").append(action(rule).configValue()).append('\n');
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScanPolicy p && p.actions.equals(actions) && p.maxEntries == maxEntries
                && p.maxUncompressedBytes == maxUncompressedBytes && p.maxRatio == maxRatio
                && p.trustedSigners.equals(trustedSigners);
    }

    @Override
    public int hashCode() {
        return Objects.hash(actions, maxEntries, maxUncompressedBytes, maxRatio, trustedSigners);
    }

    @Override
    public String toString() {
        Map<String, String> changed = new LinkedHashMap<>();
        actions.forEach((rule, action) -> {
            if (action != rule.defaultAction()) {
                changed.put(rule.id(), action.configValue());
            }
        });
        return "ScanPolicy[maxEntries=" + maxEntries + ", maxUncompressedBytes=" + maxUncompressedBytes + ", maxRatio="
                + maxRatio + ", trustedSigners=" + trustedSigners.size() + ", changedRules=" + changed + "]";
    }

    private static Map<ScanRule, RuleAction> defaultActions() {
        Map<ScanRule, RuleAction> m = new EnumMap<>(ScanRule.class);
        for (ScanRule r : ScanRule.values()) {
            m.put(r, r.defaultAction());
        }
        return m;
    }

    private static void checkAdjustable(ScanRule rule, RuleAction action) {
        if (!rule.adjustable() && action != RuleAction.REJECT) {
            String instead = switch (rule) {
                case ARCHIVE_TOO_MANY_ENTRIES -> "; raise " + MAX_ENTRIES + " instead";
                case ARCHIVE_TOO_LARGE -> "; raise " + MAX_UNCOMPRESSED_BYTES + " instead";
                case ARCHIVE_COMPRESSION_RATIO -> "; raise " + MAX_RATIO + " instead";
                default -> "";
            };
            throw new IllegalArgumentException("rule " + rule.id() + " always rejects (" + rule.rationale()
                    + "); remove the setting" + instead);
        }
    }

    private static long positive(Object value) {
        long n;
        if (value instanceof Number num) {
            n = num.longValue();
        } else {
            String s = String.valueOf(value).trim().replace("_", "");
            try {
                n = Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a whole number");
            }
        }
        if (n < 1) {
            throw new IllegalArgumentException("must be at least 1");
        }
        return n;
    }

    private static Set<String> fingerprints(Object value) {
        List<String> raw = new ArrayList<>();
        if (value instanceof String[] array) {
            raw.addAll(List.of(array));
        } else if (value instanceof Collection<?> c) {
            c.forEach(o -> raw.add(String.valueOf(o)));
        } else if (value != null) {
            raw.add(String.valueOf(value));
        }
        Set<String> out = new LinkedHashSet<>();
        for (String item : raw) {
            for (String token : item.split("[,\\s]+")) {
                if (!token.isEmpty()) {
                    out.add(normalizeFingerprint(token));
                }
            }
        }
        return out;
    }

    private static String normalizeFingerprint(String token) {
        String hex = token.replace(":", "").toUpperCase(Locale.ROOT);
        if (hex.startsWith("SHA256") || hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("'" + token + "' is not a SHA-256 certificate fingerprint: use the 64 hex "
                    + "digits (colons allowed) that keytool -list -v prints after 'SHA256:', or that a scan report lists "
                    + "for the signer");
        }
        StringBuilder b = new StringBuilder(95);
        for (int i = 0; i < 64; i += 2) {
            if (i > 0) {
                b.append(':');
            }
            b.append(hex, i, i + 2);
        }
        return b.toString();
    }

    private static String ruleIds() {
        List<String> ids = new ArrayList<>();
        for (ScanRule r : ScanRule.values()) {
            ids.add(r.id());
        }
        return String.join(", ", ids);
    }

    private static String display(Object value) {
        return value instanceof String[] a ? String.join(",", a) : String.valueOf(value);
    }
}
