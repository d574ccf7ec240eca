package org.gcommon.container;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;

import org.osgi.framework.Constants;

/**
 * The framework properties a container starts with: defaults, then {@code etc/config.properties}
 * (extra framework properties, one {@code key=value} a line), then the command line; the few
 * properties the launcher's layout depends on are fixed.
 */
final class FrameworkSettings {

    /** In the home's {@code etc/}: extra framework properties. */
    static final String CONFIG_FILE = "config.properties";
    /** In the home's {@code data/}: the framework's bundle cache, kept across restarts. */
    static final String CACHE_DIR = "cache";

    static final String PROP_HOME = "gcommon.home";
    static final String PROP_HTTP_PORT = "org.osgi.service.http.port";
    static final String PROP_HTTP_HOST = "org.apache.felix.http.host";
    static final String PROP_GOSH_ARGS = "gosh.args";
    /** Read by the security bundle: run plugins even where the sandbox cannot be enforced. */
    static final String PROP_INSECURE = "gcommon.sandbox.insecure";
    /** Read by the security bundle: the start level it raises the framework to once plugins are sandboxed. */
    static final String PROP_PLUGIN_START_LEVEL = "gcommon.plugin.startlevel";
    /** Set (to {@value #AGENT}) by the enforcement agent once it guards the JDK: the agent enforces the sandbox. */
    static final String PROP_ENFORCER = "gcommon.sandbox.enforcer";
    static final String AGENT = "agent";
    /** The package of the agent's hooks, on the bootstrap class path; the security bundle calls into it. */
    static final String AGENT_HOOK_PACKAGE = "org.gcommon.plugin.enforcement.hook";
    /** The Java version from which the JDK has no SecurityManager (JEP 486). */
    static final int NO_SECURITY_MANAGER_FROM = 24;

    static final int DEFAULT_PORT = 8181;
    static final String DEFAULT_HOST = "127.0.0.1";

    /** Runtime bundles from {@code system/} start first, at this level. */
    static final int RUNTIME_START_LEVEL = 1;
    /** Plugins (the deploy folder, the API) start at this level, once the runtime is up. */
    static final int PLUGIN_START_LEVEL = 2;

    /** Properties the launcher owns: the home layout and the start levels depend on them. */
    private static final Set<String> FIXED = Set.of(Constants.FRAMEWORK_STORAGE, PROP_HOME,
            Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Constants.FRAMEWORK_SECURITY, PROP_INSECURE,
            PROP_PLUGIN_START_LEVEL);

    private final Map<String, String> properties;
    private final List<String> warnings;
    private final String host;
    private final int port;

    private FrameworkSettings(Map<String, String> properties, List<String> warnings, String host, int port) {
        this.properties = Collections.unmodifiableMap(properties);
        this.warnings = List.copyOf(warnings);
        this.host = host;
        this.port = port;
    }

    /**
     * @param home        the container's home (checked, maybe not yet created)
     * @param portOption  {@code --port}, when given
     * @param interactive whether a terminal is attached: only then does the Gogo shell read input
     * @return the settings
     * @throws UsageException when {@code etc/config.properties} cannot be read or holds a bad port
     */
    static FrameworkSettings load(ContainerHome home, OptionalInt portOption, boolean interactive)
            throws UsageException {
        return load(home, portOption, interactive, false);
    }

    /**
     * @param insecure {@code --insecure}: plugins run even where the sandbox cannot be enforced
     */
    static FrameworkSettings load(ContainerHome home, OptionalInt portOption, boolean interactive, boolean insecure)
            throws UsageException {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(PROP_HTTP_HOST, DEFAULT_HOST);
        properties.put(PROP_HTTP_PORT, Integer.toString(DEFAULT_PORT));
        if (!interactive) {
            // without a terminal the shell would read a closed or foreign stdin
            properties.put(PROP_GOSH_ARGS, "--nointeractive");
        }

        List<String> warnings = new ArrayList<>();
        Path configFile = home.configFile();
        Properties fromFile = readConfig(configFile);
        for (String key : fromFile.stringPropertyNames()) {
            if (FIXED.contains(key)) {
                warnings.add(configFile + ": ignoring " + key + ", the launcher sets it");
            } else {
                properties.put(key, fromFile.getProperty(key).trim());
            }
        }

        int port;
        if (portOption.isPresent()) {
            port = portOption.getAsInt();
        } else {
            String value = properties.get(PROP_HTTP_PORT);
            port = StartOptions.parsePort(value, configFile + ": " + PROP_HTTP_PORT + "='" + value + "'");
        }
        properties.put(PROP_HTTP_PORT, Integer.toString(port));

        properties.put(Constants.FRAMEWORK_STORAGE, home.data().resolve(CACHE_DIR).toString());
        properties.put(PROP_HOME, home.dir().toString());
        // Fail closed: the framework stops at the runtime's level; the security bundle raises it to the
        // plugins' level once their sandbox is in force (or --insecure was given).
        properties.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Integer.toString(RUNTIME_START_LEVEL));
        properties.put(PROP_PLUGIN_START_LEVEL, Integer.toString(PLUGIN_START_LEVEL));
        properties.put(PROP_INSECURE, Boolean.toString(insecure));
        if (AGENT.equals(System.getProperty(PROP_ENFORCER))) {
            // The agent enforces: no SecurityManager, and the security bundle reaches the hooks on the boot class path.
            String bootDelegation = properties.get(Constants.FRAMEWORK_BOOTDELEGATION);
            properties.put(Constants.FRAMEWORK_BOOTDELEGATION, bootDelegation == null || bootDelegation.isBlank()
                    ? AGENT_HOOK_PACKAGE : bootDelegation + "," + AGENT_HOOK_PACKAGE);
        } else if (Runtime.version().feature() < NO_SECURITY_MANAGER_FROM) {
            // Felix installs the SecurityManager; Conditional Permission Admin (framework.security) decides.
            properties.put(Constants.FRAMEWORK_SECURITY, Constants.FRAMEWORK_SECURITY_OSGI);
        }
        return new FrameworkSettings(properties, warnings, properties.get(PROP_HTTP_HOST), port);
    }

    private static Properties readConfig(Path configFile) throws UsageException {
        Properties properties = new Properties();
        if (!Files.exists(configFile)) {
            return properties;
        }
        try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException(configFile + ": cannot be read (" + e.getMessage()
                    + "): fix it, it holds key=value lines of framework properties");
        }
        return properties;
    }

    /** @return the framework properties */
    Map<String, String> properties() {
        return properties;
    }

    /** @return what the user should know about the configuration, one line each */
    List<String> warnings() {
        return warnings;
    }

    /** @return the host the HTTP service binds */
    String host() {
        return host;
    }

    /** @return the HTTP port */
    int port() {
        return port;
    }

    /** @return the host to put in URLs printed for the user: loopback when bound to every interface */
    String urlHost() {
        if (host.isEmpty() || "0.0.0.0".equals(host) || "::".equals(host)) {
            return "127.0.0.1";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
