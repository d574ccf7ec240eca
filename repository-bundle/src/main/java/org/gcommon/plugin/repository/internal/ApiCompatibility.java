package org.gcommon.plugin.repository.internal;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.Version;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.resource.Requirement;

/**
 * Whether a bundle was built against the gcommon API this container provides. A plugin imports the
 * API packages with the range bnd derived from the version it compiled against ({@code [1.0,2)} for
 * 1.x): one built against a newer major version cannot run here, and is refused with that said, before
 * the resolver is asked and before anything is installed.
 */
final class ApiCompatibility {

    static final String API_PACKAGE = "org.gcommon.plugin.api";

    private static final Pattern FLOOR = Pattern.compile("\\(version>=([0-9][0-9A-Za-z.\\-_]*)\\)");

    /** The API packages the container exports, with their versions. */
    private final Map<String, Version> provided;

    /**
     * @param provided package name to exported version, for the {@code org.gcommon.plugin.api} packages
     *                 the container's runtime exports
     */
    ApiCompatibility(Map<String, Version> provided) {
        this.provided = new TreeMap<>(provided);
    }

    /** @return the version of {@code org.gcommon.plugin.api} the container provides, if known */
    Optional<Version> apiVersion() {
        return Optional.ofNullable(provided.get(API_PACKAGE));
    }

    /**
     * @param entry a bundle a repository offers
     * @return why it cannot run on this container's API, naming the version it needs; empty when it can
     */
    Optional<String> incompatibility(CatalogEntry entry) {
        for (Requirement requirement : entry.resource().getRequirements(PackageNamespace.PACKAGE_NAMESPACE)) {
            Object pkg = requirement.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE);
            String packageName = pkg == null ? packageFromFilter(requirement) : pkg.toString();
            if (packageName == null || !(packageName.equals(API_PACKAGE) || packageName.startsWith(API_PACKAGE + "."))) {
                continue;
            }
            Version have = provided.get(packageName);
            if (have == null) {
                if (provided.isEmpty() || isOptional(requirement)) {
                    continue;
                }
                return Optional.of(entry.label() + " needs package " + packageName + " ("
                        + requirement.getDirectives().get("filter") + "), which this container's gcommon API "
                        + apiVersion().map(Version::toString).orElse("?") + " does not have");
            }
            if (!matches(requirement, packageName, have) && !isOptional(requirement)) {
                String needed = floor(requirement).map(v -> "gcommon API " + v.getMajor() + ".x (package "
                        + packageName + " " + v + " or newer)").orElse("another gcommon API version");
                return Optional.of(entry.label() + " was built against " + needed + "; this container provides "
                        + packageName + " " + have);
            }
        }
        return Optional.empty();
    }

    private static boolean matches(Requirement requirement, String packageName, Version have) {
        return RequirementFilter.matches(requirement, Map.of(PackageNamespace.PACKAGE_NAMESPACE, packageName,
                PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE, have));
    }

    private static boolean isOptional(Requirement requirement) {
        return "optional".equals(requirement.getDirectives().get("resolution"));
    }

    private static Optional<Version> floor(Requirement requirement) {
        String filter = requirement.getDirectives().get("filter");
        if (filter == null) {
            return Optional.empty();
        }
        Matcher m = FLOOR.matcher(filter);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Version.parseVersion(m.group(1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String packageFromFilter(Requirement requirement) {
        String filter = requirement.getDirectives().get("filter");
        if (filter == null) {
            return null;
        }
        Matcher m = Pattern.compile("\\(osgi\\.wiring\\.package=([^)*]+)\\)").matcher(filter);
        return m.find() ? m.group(1) : null;
    }
}
