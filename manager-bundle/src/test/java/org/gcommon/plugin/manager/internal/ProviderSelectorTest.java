package org.gcommon.plugin.manager.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ForkJoinPool;

import org.gcommon.plugin.api.PluginState;
import org.junit.jupiter.api.Test;

class ProviderSelectorTest {

    private static ManagedPlugin provider(long serviceId, int ranking, String version, PluginState state) {
        TestPlugins.GreeterProvider plugin = new TestPlugins.GreeterProvider("greeter-" + serviceId, version);
        ManagedPlugin p = new ManagedPlugin(new ManagedPlugin.Origin(serviceId, 1, "b", "1.0.0", "gcommon:x", ranking),
                new SerialLane(ForkJoinPool.commonPool()), plugin);
        p.identify(plugin.name(), version);
        p.providerType(TestPlugins.Greeter.class);
        p.moveTo(state, null, serviceId);
        return p;
    }

    @Test
    void highestRankingWinsThenHighestVersion() {
        ManagedPlugin low = provider(1, 0, "3.0.0", PluginState.ACTIVE);
        ManagedPlugin high = provider(2, 10, "1.0.0", PluginState.ACTIVE);
        ManagedPlugin newer = provider(3, 10, "1.5.0", PluginState.ACTIVE);

        assertThat(ProviderSelector.best(List.of(low, high, newer), TestPlugins.Greeter.class, null)).contains(newer);
        assertThat(ProviderSelector.best(List.of(low, high), TestPlugins.Greeter.class, null)).contains(high);
    }

    @Test
    void onlyActiveProvidersOfTheTypeInRangeCount() {
        ManagedPlugin failed = provider(1, 100, "9.0.0", PluginState.FAILED);
        ManagedPlugin v1 = provider(2, 0, "1.2.0", PluginState.ACTIVE);
        ManagedPlugin v2 = provider(3, 0, "2.1.0", PluginState.ACTIVE);
        List<ManagedPlugin> all = List.of(failed, v1, v2);

        assertThat(ProviderSelector.best(all, TestPlugins.Greeter.class, null)).contains(v2);
        assertThat(ProviderSelector.best(all, TestPlugins.Greeter.class, ProviderSelector.parseRange("[1.0,2.0)")))
                .contains(v1);
        assertThat(ProviderSelector.best(all, TestPlugins.Greeter.class, ProviderSelector.parseRange("3"))).isEmpty();
        assertThat(ProviderSelector.best(all, Runnable.class, null)).isEmpty();
    }

    @Test
    void equalRankingAndVersionPrefersTheOlderRegistration() {
        ManagedPlugin older = provider(5, 0, "1.0.0", PluginState.ACTIVE);
        ManagedPlugin younger = provider(9, 0, "1.0.0", PluginState.ACTIVE);

        assertThat(ProviderSelector.best(List.of(younger, older), TestPlugins.Greeter.class, null)).contains(older);
    }

    @Test
    void badRangeNamesTheValue() {
        assertThatThrownBy(() -> ProviderSelector.parseRange("[1,"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'[1,'").hasMessageContaining("[1.0,2.0)");
    }
}
