package org.gcommon.plugin.manager.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Set;

import org.gcommon.plugin.api.PluginConstants;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Keeps ConfigurationAdmin in step with the {@code etc/} folder: a file added or changed updates its
 * PID, a file removed deletes the configuration it made. A file that cannot be read is reported and
 * the previous configuration stays. Off when the framework property {@code gcommon.home} is unset.
 */
@Component(immediate = true, service = {})
public final class EtcFolder {

    /** Marks configurations made from a file, with the file's name, so removing the file removes them. */
    static final String SOURCE_PROPERTY = "gcommon.config.source";

    @Reference
    private ConfigurationAdmin configAdmin;

    @Reference(service = LoggerFactory.class)
    private Logger log;

    private FolderWatcher watcher;
    private BundleContext context;

    @Activate
    void activate(BundleContext context) throws IOException {
        this.context = context;
        String home = context.getProperty(PluginConstants.PROP_HOME);
        if (home == null || home.isBlank()) {
            return;
        }
        Path folder = Paths.get(home, "etc").toAbsolutePath().normalize();
        watcher = new FolderWatcher(folder, ConfigFile::isConfigFile, Duration.ofMillis(40), this::apply, log::error,
                "gcommon-etc-watcher");
        java.nio.file.Files.createDirectories(folder);
        Set<Path> present = watcher.list();
        removeOrphans(present);
        present.forEach(this::load);
        watcher.start(present);
    }

    @Deactivate
    void deactivate() {
        if (watcher != null) {
            watcher.close();
        }
    }

    private void apply(FolderWatcher.Changes changes) {
        changes.removed().forEach(this::unload);
        changes.changed().forEach(this::load);
    }

    private void load(Path file) {
        try {
            String pid = ConfigFile.pidOf(file);
            Hashtable<String, Object> props = ConfigFile.read(file, context::getProperty);
            props.put(SOURCE_PROPERTY, file.getFileName().toString());
            Configuration config = configAdmin.getConfiguration(pid, "?");
            if (config.updateIfDifferent(props)) {
                log.info("Configuration {} loaded from etc/{}", pid, file.getFileName());
            }
        } catch (ConfigFile.Invalid e) {
            log.error("{} — the previous configuration stays in effect", e.getMessage());
        } catch (IOException | RuntimeException e) {
            log.error("Could not apply etc/{}: {}", file.getFileName(), TimedCalls.describe(e));
        }
    }

    private void unload(Path file) {
        try {
            for (Configuration config : fromFile(file.getFileName().toString())) {
                config.delete();
                log.info("Configuration {} removed (etc/{} was deleted)", config.getPid(), file.getFileName());
            }
        } catch (IOException | RuntimeException e) {
            log.error("Could not remove the configuration of etc/{}: {}", file.getFileName(), TimedCalls.describe(e));
        }
    }

    private void removeOrphans(Set<Path> present) {
        try {
            Configuration[] all = configAdmin.listConfigurations("(" + SOURCE_PROPERTY + "=*)");
            if (all == null) {
                return;
            }
            Set<String> names = new java.util.HashSet<>();
            present.forEach(p -> names.add(p.getFileName().toString()));
            for (Configuration config : all) {
                Dictionary<String, Object> props = config.getProperties();
                Object source = props == null ? null : props.get(SOURCE_PROPERTY);
                if (source != null && !names.contains(source.toString())) {
                    config.delete();
                    log.info("Configuration {} removed (etc/{} is gone)", config.getPid(), source);
                }
            }
        } catch (IOException | InvalidSyntaxException e) {
            log.error("Could not check etc/ configurations: {}", TimedCalls.describe(e));
        }
    }

    private Configuration[] fromFile(String fileName) throws IOException {
        try {
            Configuration[] found = configAdmin.listConfigurations("(" + SOURCE_PROPERTY + "=" + escape(fileName) + ")");
            return found == null ? new Configuration[0] : found;
        } catch (InvalidSyntaxException e) {
            return new Configuration[0];
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("*", "\\*").replace("(", "\\(").replace(")", "\\)");
    }
}
