package org.gcommon.plugin.api.security;

import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Resource limits of plugins and what each uses now, for management tools. */
@ProviderType
public interface PluginLimits {

    /** Configuration PID of the limits: defaults and per-plugin overrides ({@code <Bundle-SymbolicName>.<limit>}). */
    String PID = "org.gcommon.plugin.security.limits";

    /**
     * @param bundleId a plugin bundle's id
     * @return its limits and usage, by name (e.g. {@code threads.max}, {@code threads}, {@code cpu.percent}),
     *         empty for bundles that are not plugins
     */
    Optional<Map<String, Object>> usage(long bundleId);
}
