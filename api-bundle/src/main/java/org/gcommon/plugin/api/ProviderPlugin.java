package org.gcommon.plugin.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A plugin that supplies an implementation of a service type, for example a cache or queue
 * backend for a gcommon module SPI.
 *
 * <p>Callers ask {@link PluginRegistry#provider(Class)} for the best provider of a type: among the
 * {@link PluginState#ACTIVE} providers of that type the runtime picks the highest service ranking,
 * then the highest {@link #version()}.
 *
 * @param <T> the service type provided
 */
@ConsumerType
public interface ProviderPlugin<T> extends Plugin {

    /**
     * The service type this plugin provides. Must be a type the caller can see, usually from an
     * exported SPI package.
     *
     * @return the provided type, never {@code null}
     */
    Class<T> providerType();

    /**
     * The implementation. Called only while the plugin is {@link PluginState#ACTIVE}.
     *
     * @return the provider instance, never {@code null}
     */
    T provider();
}
