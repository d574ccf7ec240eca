package org.gcommon.plugin.api;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.gcommon.plugin.api.event.PluginEvents;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the runtime hands to {@link Plugin#start} and {@link Plugin#stop}: like Go's
 * {@code context.Context}, a deadline and a cancellation signal for the call, plus the services
 * scoped to the plugin (its data directory and its logger).
 *
 * <p>The deadline is the call's timeout (10 s by default). When it passes, the runtime marks the
 * plugin {@link PluginState#FAILED}, cancels the context and interrupts the calling thread; long
 * loops should poll {@link #isCancelled()} or call {@link #throwIfCancelled()}.
 */
@ProviderType
public interface PluginContext {

    /** @return the name of the plugin this context belongs to */
    String pluginName();

    /** @return the instant after which the current call is considered hung */
    Instant deadline();

    /** @return the time left before {@link #deadline()}, never negative */
    Duration remaining();

    /** @return {@code true} once the call is cancelled (deadline passed, or the runtime is stopping) */
    boolean isCancelled();

    /**
     * @throws PluginException naming the plugin and the deadline, if the call was cancelled
     */
    void throwIfCancelled() throws PluginException;

    /**
     * Runs the action once when the call is cancelled (at once if it already is). Use it to close a
     * socket or wake a blocked wait.
     *
     * @param action what to run; must be quick and must not throw
     */
    void onCancel(Runnable action);

    /**
     * The plugin's own data directory, kept across restarts and updates and removed on uninstall.
     * Under the sandbox it is the only place a plugin may write.
     *
     * @return an existing directory
     */
    Path dataDirectory();

    /** @return a logger whose entries carry the plugin's name */
    PluginLogger logger();

    /**
     * The plugin's access to the event bus. Valid from {@link Plugin#start} until the plugin stops;
     * its subscriptions end when the plugin stops.
     *
     * @return the plugin's event bus
     */
    PluginEvents events();

    /**
     * A bounded executor for the plugin's own background work, shut down when the plugin stops. Its
     * threads count as the plugin's: they are named after it and limited with it.
     *
     * @return the plugin's executor
     */
    java.util.concurrent.ExecutorService executor();

    /**
     * The registry, for synchronous request/reply with other plugins: ask it for a provider and call
     * the provider directly.
     *
     * @return the plugin registry
     */
    PluginRegistry registry();
}
