package org.gcommon.plugin.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The runtime's view of every plugin: what is installed, in which state, and the best provider of a
 * service type. Obtain it as an OSGi service ({@code @Reference PluginRegistry registry}).
 */
@ProviderType
public interface PluginRegistry {

    /**
     * @return every plugin, bundle deployed as a plugin and refused archive, sorted by name
     */
    List<PluginInfo> plugins();

    /**
     * @param name a plugin name (or, for a bundle that is no plugin, its symbolic name; for a
     *        refused archive, its file name)
     * @return the plugin, if known
     */
    Optional<PluginInfo> plugin(String name);

    /**
     * @param type a plugin type
     * @return the plugins of that type, sorted by name
     */
    List<PluginInfo> plugins(PluginType type);

    /**
     * The best {@link PluginState#ACTIVE} provider of a type: highest service ranking first, then
     * highest {@link Plugin#version()}. Providers whose last health answer was UNHEALTHY are passed
     * over while another provider is available.
     *
     * @param <T> the provided type
     * @param type the provided type, as returned by {@link ProviderPlugin#providerType()}
     * @return the provider implementation, if an active provider exists
     */
    <T> Optional<T> provider(Class<T> type);

    /**
     * As {@link #provider(Class)}, among providers whose plugin version lies in a range.
     *
     * @param <T> the provided type
     * @param type the provided type
     * @param versionRange an OSGi version range such as {@code [1.0,2.0)}; a plain version
     *        {@code 1.2} means {@code 1.2} or newer
     * @return the provider implementation, if an active provider in range exists
     * @throws IllegalArgumentException when the range cannot be parsed (the message names it)
     */
    <T> Optional<T> provider(Class<T> type, String versionRange);

    /**
     * A stand-in for the best provider of an interface type that always calls the provider that is
     * best at the moment of each call: when the chosen provider stops, fails or reports UNHEALTHY,
     * the next call goes to the next best one. Callers keep the stand-in and never hold a stale
     * provider.
     *
     * @param <T> the provided type
     * @param type the provided type; must be an interface
     * @return the stand-in; its methods throw {@link IllegalStateException} naming the type while
     *         no provider is active
     * @throws IllegalArgumentException when the type is not an interface
     */
    <T> T providerProxy(Class<T> type);

    /**
     * Adds a listener for state transitions, in addition to those registered as services.
     *
     * @param listener the listener
     * @return closing it removes the listener
     */
    AutoCloseable addStateListener(PluginStateListener listener);
}
