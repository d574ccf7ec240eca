package ${package}.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the {@code ${pluginName}} plugin provides. Other bundles import this package and ask the plugin
 * registry for the best active provider:
 * <pre>
 * ${className} service = registry.providerProxy(${className}.class);
 * </pre>
 * Replace it with the service type your plugin provides, for example the SPI of a gcommon module.
 */
@ProviderType
public interface ${className} {

    /**
     * @param who whom to greet
     * @return the greeting
     * @throws IllegalArgumentException when the name is empty or longer than the configured maximum
     */
    String greet(String who);
}
