package org.gcommon.plugin.manager.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PluginEventBusTest {

    private final PluginEventBus bus = new PluginEventBus(null, () -> null, Runnable::run);

    @Test
    void aPluginWhoseNameHasADotIsToldWhyItHasNoOwnTopics() {
        PluginEventBus.Handle events = bus.open("acme.cache", 7);

        assertThatThrownBy(() -> events.publish("evicted", 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'acme.cache'").hasMessageContaining("'.'").hasMessageContaining("acme-cache");
        assertThatThrownBy(() -> events.subscribe(events.ownTopicPrefix() + "evicted", e -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'acme.cache'");
    }

    @Test
    void otherTopicsAreStillCheckedAsTopics() {
        PluginEventBus.Handle events = bus.open("acme-cache", 7);

        assertThatThrownBy(() -> events.publish("not valid!", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid!");
    }
}
