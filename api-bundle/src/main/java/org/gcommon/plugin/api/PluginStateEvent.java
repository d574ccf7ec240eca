package org.gcommon.plugin.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One state transition of one plugin, as delivered to {@link PluginStateListener}s and published
 * on {@link PluginConstants#TOPIC_STATE}. Immutable.
 */
public final class PluginStateEvent {

    private final String pluginName;
    private final String version;
    private final PluginState from;
    private final PluginState to;
    private final Instant time;
    private final String reason;

    /**
     * @param pluginName the plugin's name
     * @param version the plugin's version
     * @param from the previous state, {@code null} for the first state of a plugin
     * @param to the new state
     * @param time when the transition happened
     * @param reason why (an error message for {@link PluginState#FAILED}), or {@code null}
     */
    public PluginStateEvent(String pluginName, String version, PluginState from, PluginState to, Instant time,
            String reason) {
        this.pluginName = Objects.requireNonNull(pluginName, "pluginName");
        this.version = Objects.requireNonNull(version, "version");
        this.from = from;
        this.to = Objects.requireNonNull(to, "to");
        this.time = Objects.requireNonNull(time, "time");
        this.reason = reason;
    }

    /** @return the plugin's name */
    public String pluginName() {
        return pluginName;
    }

    /** @return the plugin's version */
    public String version() {
        return version;
    }

    /** @return the previous state; empty for the first state the runtime saw */
    public Optional<PluginState> from() {
        return Optional.ofNullable(from);
    }

    /** @return the new state */
    public PluginState to() {
        return to;
    }

    /** @return when the transition happened */
    public Instant time() {
        return time;
    }

    /** @return why, when the runtime knows (always for {@link PluginState#FAILED}) */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    @Override
    public String toString() {
        return pluginName + " " + version + ": " + (from == null ? "-" : from) + " -> " + to
                + (reason == null ? "" : " (" + reason + ")");
    }
}
