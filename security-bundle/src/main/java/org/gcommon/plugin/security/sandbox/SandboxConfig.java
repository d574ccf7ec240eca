package org.gcommon.plugin.security.sandbox;

/** Framework properties the launcher sets for the sandbox. */
final class SandboxConfig {

    private SandboxConfig() {
    }

    /** {@code true} when the administrator started the container with {@code --insecure}. */
    static final String INSECURE = "gcommon.sandbox.insecure";

    /**
     * The start level plugins run at. When set, the framework starts below it and the sandbox raises
     * it only once plugin permissions are enforced (or {@code --insecure} was given): fail closed.
     */
    static final String PLUGIN_START_LEVEL = "gcommon.plugin.startlevel";
}
