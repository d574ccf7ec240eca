package org.gcommon.plugin.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PluginsPathTest {

    @Test
    void theListHasNoName() {
        assertThat(PluginsServlet.nameIn(null)).isEmpty();
        assertThat(PluginsServlet.nameIn("/")).isEmpty();
    }

    @Test
    void aPathAfterTheListIsThePluginName() {
        assertThat(PluginsServlet.nameIn("/memory-cache")).hasValue("memory-cache");
        assertThat(PluginsServlet.nameIn("/not-a-bundle.jar")).hasValue("not-a-bundle.jar");
    }
}
