package org.gcommon.plugin.manager.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.gcommon.plugin.api.PluginConstants;
import org.gcommon.plugin.api.PluginLogger;
import org.gcommon.plugin.api.PluginRegistry;
import org.gcommon.plugin.api.event.PluginEvents;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/** Configuration from ConfigurationAdmin, data areas from the plugin's bundle, loggers from the OSGi Log service. */
final class OsgiPluginEnvironment implements PluginEnvironment {

    /** Properties ConfigurationAdmin and the etc/ folder add, which are not the plugin's configuration. */
    static final Set<String> BOOKKEEPING = Set.of(Constants.SERVICE_PID, ConfigurationAdmin.SERVICE_FACTORYPID,
            ConfigurationAdmin.SERVICE_BUNDLELOCATION, EtcFolder.SOURCE_PROPERTY);

    private final BundleContext runtimeContext;
    private final ConfigurationAdmin configAdmin;
    private final LoggerFactory loggers;
    private final PluginEventBus bus;
    private final PluginRegistry registry;

    OsgiPluginEnvironment(BundleContext runtimeContext, ConfigurationAdmin configAdmin, LoggerFactory loggers,
            PluginEventBus bus, PluginRegistry registry) {
        this.bus = bus;
        this.registry = registry;
        this.runtimeContext = runtimeContext;
        this.configAdmin = configAdmin;
        this.loggers = loggers;
    }

    @Override
    public Map<String, Object> configuration(String pluginName) throws CallFailure {
        String pid = PluginConstants.configPid(pluginName);
        try {
            Configuration[] found = configAdmin.listConfigurations("(" + Constants.SERVICE_PID + "=" + pid + ")");
            if (found == null || found.length == 0 || found[0].getProperties() == null) {
                return Map.of();
            }
            Map<String, Object> config = new HashMap<>();
            Dictionary<String, Object> props = found[0].getProperties();
            for (Enumeration<String> keys = props.keys(); keys.hasMoreElements();) {
                String key = keys.nextElement();
                if (!BOOKKEEPING.contains(key)) {
                    config.put(key, props.get(key));
                }
            }
            return Collections.unmodifiableMap(config);
        } catch (IOException | InvalidSyntaxException e) {
            throw new CallFailure("Could not read the configuration " + pid + " of plugin '" + pluginName + "': "
                    + TimedCalls.describe(e), e);
        }
    }

    @Override
    public Path dataDirectory(ManagedPlugin plugin) {
        Bundle bundle = runtimeContext.getBundle(plugin.origin.bundleId());
        BundleContext pluginContext = bundle == null ? null : bundle.getBundleContext();
        File dir = pluginContext == null ? null : pluginContext.getDataFile("");
        if (dir == null) {
            // No bundle context (bundle stopping) or no file system support: use a directory of the runtime's own.
            dir = runtimeContext.getDataFile("plugins/" + plugin.name());
        }
        try {
            return Files.createDirectories(dir.toPath());
        } catch (IOException e) {
            return dir.toPath();
        }
    }

    @Override
    public PluginLogger logger(ManagedPlugin plugin) {
        // The runtime's own logger, named after the plugin (every message carries the plugin's name too), not one
        // of the plugin's bundle: Felix Log keeps each logger it hands out, keyed by its bundle, for good, and a
        // logger of the plugin's bundle kept every uninstalled plugin's bundle, archive and revisions in the heap.
        return new OsgiPluginLogger(plugin.name(), loggers.getLogger("plugin." + plugin.name()));
    }

    @Override
    public PluginEvents events(ManagedPlugin plugin) {
        return plugin.events(bus);
    }

    @Override
    public PluginRegistry registry() {
        return registry;
    }

    /**
     * A {@link PluginLogger} over an OSGi {@link Logger}; every message is prefixed with the plugin's name.
     * The runtime writes the entry with its own rights: the Log service reads the plugin bundle's metadata,
     * which a sandboxed plugin need not be allowed to do itself.
     */
    @SuppressWarnings("removal")
    private record OsgiPluginLogger(String pluginName, Logger logger) implements PluginLogger {

        @Override
        public void debug(String format, Object... args) {
            privileged(() -> logger.debug("[" + pluginName + "] " + format, args));
        }

        @Override
        public void info(String format, Object... args) {
            privileged(() -> logger.info("[" + pluginName + "] " + format, args));
        }

        @Override
        public void warn(String format, Object... args) {
            privileged(() -> logger.warn("[" + pluginName + "] " + format, args));
        }

        @Override
        public void error(String format, Object... args) {
            privileged(() -> logger.error("[" + pluginName + "] " + format, args));
        }

        private static void privileged(Runnable write) {
            java.security.AccessController.doPrivileged((java.security.PrivilegedAction<Void>) () -> {
                write.run();
                return null;
            });
        }
    }
}
