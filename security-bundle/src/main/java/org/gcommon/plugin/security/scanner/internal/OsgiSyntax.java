package org.gcommon.plugin.security.scanner.internal;

import java.util.regex.Pattern;

/**
 * The OSGi syntax of symbolic names and versions, checked without the framework's classes so that the
 * scanner also runs outside OSGi.
 */
final class OsgiSyntax {

    private static final Pattern SYMBOLIC_NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
    private static final Pattern QUALIFIER = Pattern.compile("[A-Za-z0-9_-]+");

    private OsgiSyntax() {
    }

    static boolean isSymbolicName(String s) {
        return SYMBOLIC_NAME.matcher(s).matches();
    }

    /**
     * @param version a Bundle-Version value, already trimmed
     * @return what is wrong with it, or {@code null} when it is a valid OSGi version
     *     ({@code major[.minor[.micro[.qualifier]]]})
     */
    static String versionProblem(String version) {
        if (version.isEmpty()) {
            return "it is empty";
        }
        String[] parts = version.split("\\.", 4);
        if (version.endsWith(".")) {
            return "it ends with a dot";
        }
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == 3) {
                if (!QUALIFIER.matcher(p).matches()) {
                    return "its qualifier '" + p + "' may only hold letters, digits, '_' and '-'";
                }
            } else if (p.isEmpty() || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return "'" + p + "' is not a number";
            } else {
                try {
                    Integer.parseInt(p);
                } catch (NumberFormatException e) {
                    return "'" + p + "' is too large";
                }
            }
        }
        return null;
    }
}
