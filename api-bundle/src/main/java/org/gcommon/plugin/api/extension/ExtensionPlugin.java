package org.gcommon.plugin.api.extension;

import org.gcommon.plugin.api.Plugin;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A plugin that contributes one object to a named extension point. It counts only while
 * {@link org.gcommon.plugin.api.PluginState#ACTIVE}; ordering among contributions is by service
 * ranking (highest first), then plugin name.
 *
 * @param <T> the contribution type, the point's {@link ExtensionPoint#type()}
 */
@ConsumerType
public interface ExtensionPlugin<T> extends Plugin {

    /** @return the name of the extension point contributed to */
    String extensionPoint();

    /** @return the contribution type */
    Class<T> extensionType();

    /** @return the contribution; called while the plugin is active */
    T extension();
}
