package org.gcommon.plugin.manager.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

import org.gcommon.plugin.api.admin.AdminResult;
import org.gcommon.plugin.api.admin.LastUpdate;

/** The last update tried on each deploy-folder plugin, by bundle location, kept across restarts. */
final class UpdateHistory {

    private final Path file;
    private final Properties entries = new Properties();

    UpdateHistory(Path file) {
        this.file = file;
        if (Files.isRegularFile(file)) {
            try (java.io.Reader in = Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
                entries.load(in);
            } catch (IOException | IllegalArgumentException e) {
                entries.clear(); // a damaged history loses what was shown, nothing else
            }
        }
    }

    synchronized Optional<LastUpdate> get(String location) {
        String outcome = entries.getProperty(location + ".outcome");
        if (outcome == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LastUpdate(entries.getProperty(location + ".version", ""),
                    AdminResult.Outcome.valueOf(outcome), entries.getProperty(location + ".reason", ""),
                    Instant.parse(entries.getProperty(location + ".time"))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    synchronized void put(String location, LastUpdate update) {
        entries.setProperty(location + ".version", update.version());
        entries.setProperty(location + ".outcome", update.outcome().name());
        entries.setProperty(location + ".reason", update.reason());
        entries.setProperty(location + ".time", update.time().toString());
        save();
    }

    synchronized void remove(String location) {
        for (String suffix : new String[] { ".version", ".outcome", ".reason", ".time" }) {
            entries.remove(location + suffix);
        }
        save();
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            StringWriter text = new StringWriter();
            entries.store(text, "last update tried on each deploy-folder plugin, by bundle location");
            AtomicFiles.write(file, text.toString());
        } catch (IOException e) {
            // shown until the next restart only; the plugin itself is unaffected
        }
    }
}
