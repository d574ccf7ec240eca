package org.gcommon.plugin.api.admin;

import java.util.List;
import java.util.Objects;

import org.gcommon.plugin.api.PluginState;

/**
 * The outcome of a management call.
 *
 * @param name     the plugin, as listed by {@code GET /api/plugins}
 * @param version  the version that runs now (after a rollback: the previous one)
 * @param state    the plugin's state now
 * @param outcome  what happened
 * @param messages why, for any outcome but the plain success ones; each names the fix
 */
public record AdminResult(String name, String version, PluginState state, Outcome outcome, List<String> messages) {

    /** What a management call did. */
    public enum Outcome {
        /** Installed and started. */
        INSTALLED,
        /** Updated to the new version, which started and reported HEALTHY. */
        UPDATED,
        /** The new version failed to start or to become HEALTHY; the previous version runs again. */
        ROLLED_BACK,
        /** Started. */
        STARTED,
        /** Stopped. */
        STOPPED,
        /** Uninstalled, its jar removed from deploy/. */
        UNINSTALLED,
        /** The archive was refused (scanner, duplicate, bad manifest); nothing was installed. */
        REJECTED,
        /** Installed, but it could not start (see messages); it is listed as FAILED. */
        FAILED,
        /** Already in the requested state; nothing changed. */
        UNCHANGED;

        /**
         * @return whether the call did what was asked ({@link #ROLLED_BACK}, {@link #REJECTED} and
         *         {@link #FAILED} did not)
         */
        public boolean succeeded() {
            return this != ROLLED_BACK && this != REJECTED && this != FAILED;
        }
    }

    public AdminResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(outcome, "outcome");
        version = version == null ? "" : version;
        messages = List.copyOf(messages);
    }
}
