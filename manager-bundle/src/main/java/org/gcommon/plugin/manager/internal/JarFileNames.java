package org.gcommon.plugin.manager.internal;

import java.util.regex.Pattern;

import org.gcommon.plugin.api.admin.AdminException;
import org.gcommon.plugin.api.admin.AdminException.Problem;

/**
 * The names an operator may give a jar in {@code deploy/} and a plugin in a management call. Both end
 * up in file paths and URLs, so anything that could leave the folder (separators, {@code ..}) or hide
 * from the watcher (a leading dot) is refused before it is used.
 */
final class JarFileNames {

    private static final Pattern JAR = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\.jar");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private JarFileNames() {
    }

    /**
     * @param fileName a jar's name in {@code deploy/}
     * @return the name
     * @throws AdminException BAD_INPUT naming the value and the rule
     */
    static String requireJarName(String fileName) throws AdminException {
        if (fileName == null || !JAR.matcher(fileName).matches() || fileName.contains("..")) {
            throw new AdminException(Problem.BAD_INPUT, "Invalid jar file name '" + fileName + "': use 1 to 128 "
                    + "letters, digits, '.', '-' and '_' (starting with a letter or digit, no '..', no path) followed "
                    + "by .jar, e.g. memory-cache-1.0.0.jar");
        }
        return fileName;
    }

    /**
     * @param name a plugin's listed name
     * @return the name
     * @throws AdminException BAD_INPUT naming the value and the rule
     */
    static String requirePluginName(String name) throws AdminException {
        if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
            throw new AdminException(Problem.BAD_INPUT, "Invalid plugin name '" + name + "': a plugin is named by "
                    + "1 to 128 letters, digits, '.', '-' and '_', starting with a letter or digit; list the plugins "
                    + "(GET /api/plugins) for their names");
        }
        return name;
    }

    /**
     * @param source a source's last path segment, e.g. of {@code https://host/repo/cache-1.0.0.jar} or
     *               {@code mvn:com.acme/cache/1.0.0}
     * @return a jar file name derived from it that passes {@link #requireJarName}, or {@code null}
     */
    static String fromSegment(String segment) {
        String cleaned = segment.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("\\.\\.+", ".");
        while (!cleaned.isEmpty() && !Character.isLetterOrDigit(cleaned.charAt(0))) {
            cleaned = cleaned.substring(1);
        }
        if (!cleaned.endsWith(".jar")) {
            cleaned = cleaned + ".jar";
        }
        if (cleaned.length() > 132) {
            cleaned = cleaned.substring(0, 128) + ".jar";
        }
        return JAR.matcher(cleaned).matches() && !cleaned.contains("..") ? cleaned : null;
    }
}
