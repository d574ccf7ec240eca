package org.gcommon.plugin.console.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PluginsPathTest {

    @Test
    void theListHasNoName() {
        assertThat(PluginPath.parse(null)).isEqualTo(new PluginPath(null, null));
        assertThat(PluginPath.parse("/")).isEqualTo(new PluginPath(null, null));
    }

    @Test
    void aPathAfterTheListIsThePluginName() {
        assertThat(PluginPath.parse("/memory-cache")).isEqualTo(new PluginPath("memory-cache", null));
        assertThat(PluginPath.parse("/not-a-bundle.jar")).isEqualTo(new PluginPath("not-a-bundle.jar", null));
    }

    @Test
    void aPartFollowsTheName() {
        assertThat(PluginPath.parse("/memory-cache/stop")).isEqualTo(new PluginPath("memory-cache", "stop"));
        assertThat(PluginPath.parse("/memory-cache/grants")).isEqualTo(new PluginPath("memory-cache", "grants"));
    }

    @Test
    void anUnknownPartOrADeeperPathIsNotFound() {
        assertThatThrownBy(() -> PluginPath.parse("/memory-cache/explode")).isInstanceOf(HttpProblem.class)
                .hasMessageContaining("no such resource: /api/plugins/memory-cache/explode")
                .extracting(e -> ((HttpProblem) e).status()).isEqualTo(404);
        assertThatThrownBy(() -> PluginPath.parse("/a/stop/b")).isInstanceOf(HttpProblem.class);
        assertThatThrownBy(() -> PluginPath.parse("//stop")).isInstanceOf(HttpProblem.class);
    }
}
