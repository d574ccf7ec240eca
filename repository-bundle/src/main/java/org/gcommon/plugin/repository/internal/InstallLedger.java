package org.gcommon.plugin.repository.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What the repository installed, kept in {@code data/repository/installed.properties} across
 * restarts: symbolic name to {@code requested} (asked for by name, or by the desired-state file when
 * followed by {@code ,desired}) or {@code dependency} (brought in for another). Uninstalling removes
 * only dependencies recorded here, never what an operator dropped into {@code deploy/}.
 */
final class InstallLedger {

    static final String REQUESTED = "requested";
    static final String DEPENDENCY = "dependency";
    static final String DESIRED = "desired";

    private final Path file;

    InstallLedger(Path file) {
        this.file = file;
    }

    synchronized Map<String, String> entries() {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                // a damaged record only means dependencies are kept on uninstall
                return Map.of();
            }
        }
        Map<String, String> entries = new TreeMap<>();
        properties.stringPropertyNames().forEach(k -> entries.put(k, properties.getProperty(k)));
        return entries;
    }

    synchronized void put(String symbolicName, String how) throws IOException {
        Map<String, String> entries = new TreeMap<>(entries());
        String before = entries.get(symbolicName);
        // a library asked for by name stays "requested" when another plugin needs it too
        if (before != null && before.startsWith(REQUESTED) && how.equals(DEPENDENCY)) {
            return;
        }
        entries.put(symbolicName, how);
        write(entries);
    }

    synchronized void remove(String symbolicName) throws IOException {
        Map<String, String> entries = new TreeMap<>(entries());
        if (entries.remove(symbolicName) != null) {
            write(entries);
        }
    }

    private void write(Map<String, String> entries) throws IOException {
        Properties properties = new Properties();
        properties.putAll(entries);
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            properties.store(writer, "Installed from plugin repositories: symbolic name = requested[,desired] | dependency");
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
