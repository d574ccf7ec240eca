package org.gcommon.plugin.manager.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gcommon.plugin.api.admin.AdminException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JarFileNamesTest {

    @ParameterizedTest
    @ValueSource(strings = { "memory-cache-1.0.0.jar", "a.jar", "Cache_Plugin.2.jar", "x1-SNAPSHOT.jar" })
    void acceptsPlainJarNames(String name) throws AdminException {
        assertThat(JarFileNames.requireJarName(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = { "../evil.jar", "..jar", "a/../b.jar", "sub/plugin.jar", "sub\\plugin.jar", ".hidden.jar",
            "-dash.jar", "plugin.zip", "plugin", "plu gin.jar", "plugin.jar.part", "a..b.jar", "/etc/passwd.jar", "" })
    void refusesPathsTraversalAndOtherNamesNamingTheRule(String name) {
        assertThatThrownBy(() -> JarFileNames.requireJarName(name)).isInstanceOf(AdminException.class)
                .hasMessageContaining("'" + name + "'").hasMessageContaining("e.g. memory-cache-1.0.0.jar")
                .satisfies(e -> assertThat(((AdminException) e).problem()).isEqualTo(AdminException.Problem.BAD_INPUT));
    }

    @org.junit.jupiter.api.Test
    void refusesNamesLongerThan128CharactersBeforeTheSuffix() {
        String longest = "a".repeat(128) + ".jar";
        assertThat(JarFileNames.fromSegment(longest)).isEqualTo(longest);
        assertThatThrownBy(() -> JarFileNames.requireJarName("a".repeat(129) + ".jar")).isInstanceOf(AdminException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = { "../x", "a/b", "", "-x", "a b" })
    void refusesPluginNamesThatAreNoNames(String name) {
        assertThatThrownBy(() -> JarFileNames.requirePluginName(name)).isInstanceOf(AdminException.class)
                .hasMessageContaining("GET /api/plugins");
    }

    @org.junit.jupiter.api.Test
    void derivesAJarNameFromASourceSegmentOrNone() {
        assertThat(JarFileNames.fromSegment("cache plugin (1).jar")).isEqualTo("cache-plugin--1-.jar");
        assertThat(JarFileNames.fromSegment("..cache")).isEqualTo("cache.jar");
        assertThat(JarFileNames.fromSegment("...")).isNull();
    }
}
