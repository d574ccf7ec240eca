package org.gcommon.plugin.manager.internal;

import java.time.Duration;

import org.gcommon.plugin.api.ProviderPlugin;

/** Fetches a provider plugin's type and implementation once, before it becomes ACTIVE. */
final class ProviderRuntime implements TypeRuntime {

    private final PluginTable table;
    private final java.util.function.Supplier<Settings> settings;

    ProviderRuntime(PluginTable table, java.util.function.Supplier<Settings> settings) {
        this.table = table;
        this.settings = settings;
    }

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
        plugin.reinstate();
    }

    @Override
    public void deactivating(ManagedPlugin plugin) {
        if (plugin.providerInstance() == null) {
            return;
        }
        // New calls go elsewhere at once; calls already inside the provider finish before it is stopped.
        plugin.withdrawAndDrain(Duration.ZERO);
        table.changed();
        plugin.withdrawAndDrain(settings.get().lifecycleTimeout(plugin.name()));
    }
}
