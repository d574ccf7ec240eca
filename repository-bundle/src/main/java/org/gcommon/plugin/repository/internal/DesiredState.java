package org.gcommon.plugin.repository.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The desired-state file ({@code etc/plugins.desired}): the plugins this container should run, one a
 * line, each with an optional version or range, as Java properties:
 *
 * <pre>
 * greeting
 * webhook = [0.1,1)
 * </pre>
 *
 * The same file on several containers with the same repositories gives the same plugins.
 *
 * @param wanted plugin name to version range (empty for the newest compatible version)
 */
record DesiredState(Map<String, String> wanted) {

    DesiredState {
        wanted = new LinkedHashMap<>(wanted);
    }

    /**
     * @param file the file; a missing file wants nothing and removes nothing
     * @return the desired state
     * @throws RepositoryException when a line names no valid plugin or version; nothing is applied then
     */
    static DesiredState read(Path file) throws RepositoryException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new RepositoryException(RepositoryException.Problem.BAD_INPUT,
                    file + " cannot be read: " + e.getMessage() + "; the plugins stay as they are",
                    "write one plugin a line: NAME or NAME = VERSION-RANGE");
        }
        Map<String, String> wanted = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (String name : properties.stringPropertyNames()) {
            String range = properties.getProperty(name).strip();
            try {
                PluginNames.check(name);
                PluginNames.range(range);
                wanted.put(name, range);
            } catch (RepositoryException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new RepositoryException(RepositoryException.Problem.BAD_INPUT,
                    file + ": " + String.join("; ", problems) + "; nothing was applied",
                    "write one plugin a line: NAME or NAME = VERSION-RANGE, e.g. greeting = [1.0,2)");
        }
        return new DesiredState(wanted);
    }
}
