package org.gcommon.plugin.manager.internal;

import org.gcommon.plugin.api.ProviderPlugin;

/** Fetches a provider plugin's type and implementation once, before it becomes ACTIVE. */
final class ProviderRuntime implements TypeRuntime {

    @Override
    public void prepare(ManagedPlugin plugin, PluginCalls calls) throws CallFailure {
        if (!(plugin.plugin() instanceof ProviderPlugin<?> provider)) {
            return;
        }
        Class<?> type = calls.call("providerType()", provider::providerType);
        if (type == null) {
            throw new CallFailure("providerType() of plugin '" + plugin.name() + "' returned null: return the class of "
                    + "the service type the plugin provides", null);
        }
        Object instance = calls.call("provider()", provider::provider);
        if (!type.isInstance(instance)) {
            throw new CallFailure("provider() of plugin '" + plugin.name() + "' returned "
                    + (instance == null ? "null" : "a " + instance.getClass().getName()) + ", not a " + type.getName()
                    + " as providerType() says", null);
        }
        plugin.provides(type, instance);
    }

    @Override
    public void activated(ManagedPlugin plugin) {
        // The registry finds providers through the plugin table; nothing to publish.
    }

    @Override
    public void deactivating(ManagedPlugin plugin) {
        // Leaving ACTIVE removes the plugin from every choice; the table's generation moves on.
    }
}
