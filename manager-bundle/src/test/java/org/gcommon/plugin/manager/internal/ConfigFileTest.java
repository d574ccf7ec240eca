package org.gcommon.plugin.manager.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    @TempDir
    Path etc;

    @Test
    void fileNamesMapToPluginOrRuntimePids() throws Exception {
        assertThat(ConfigFile.pidOf(etc.resolve("memory-cache.cfg"))).isEqualTo("gcommon.plugin.memory-cache");
        assertThat(ConfigFile.pidOf(etc.resolve("org.gcommon.plugin.manager.cfg"))).isEqualTo("org.gcommon.plugin.manager");
        assertThat(ConfigFile.pidOf(etc.resolve("org.apache.felix.http.json"))).isEqualTo("org.apache.felix.http");
        assertThatThrownBy(() -> ConfigFile.pidOf(etc.resolve("Memory Cache.cfg")))
                .hasMessageContaining("etc/Memory Cache.cfg").hasMessageContaining("rename it");
    }

    @Test
    void propertiesAreTrimmedStrings() throws Exception {
        Path cfg = Files.writeString(etc.resolve("cache.cfg"), "# comment\nttl.seconds = 60  \nname=a b\n");

        assertThat(ConfigFile.read(cfg)).containsEntry("ttl.seconds", "60").containsEntry("name", "a b").hasSize(2);
    }

    @Test
    void jsonKeepsTypes() throws Exception {
        Path json = Files.writeString(etc.resolve("cache.json"),
                "{\"ttl.seconds\": 60, \"ratio\": 0.5, \"enabled\": true, \"hosts\": [\"a\", \"b\"], \"name\": \"x\"}");

        assertThat(ConfigFile.read(json)).containsEntry("ttl.seconds", 60L).containsEntry("ratio", 0.5)
                .containsEntry("enabled", true).containsEntry("hosts", List.of("a", "b")).containsEntry("name", "x");
    }

    @Test
    void badJsonNamesFileLineAndFix() throws IOException {
        Path broken = Files.writeString(etc.resolve("broken.json"), "{\n  \"a\": 1,\n  \"b\": \n}");
        Path nested = Files.writeString(etc.resolve("nested.json"), "{\"pool\": {\"size\": 3}}");
        Path array = Files.writeString(etc.resolve("array.json"), "[1, 2]");

        assertThatThrownBy(() -> ConfigFile.read(broken)).hasMessageContaining("etc/broken.json is not valid JSON")
                .hasMessageContaining("line 4");
        assertThatThrownBy(() -> ConfigFile.read(nested)).hasMessageContaining("'pool' is an object")
                .hasMessageContaining("\"pool.size\"");
        assertThatThrownBy(() -> ConfigFile.read(array)).hasMessageContaining("one JSON object");
    }

    @Test
    void frameworkPropertiesAreSubstituted() throws Exception {
        Path cfg = Files.writeString(etc.resolve("hook.cfg"), "url = http://127.0.0.1:${org.osgi.service.http.port}/x\n"
                + "plain = no variables\n");
        java.util.Map<String, String> props = java.util.Map.of("org.osgi.service.http.port", "9090");

        assertThat(ConfigFile.read(cfg, props::get)).containsEntry("url", "http://127.0.0.1:9090/x")
                .containsEntry("plain", "no variables");

        Path unknown = Files.writeString(etc.resolve("bad.cfg"), "url = ${no.such.property}/x\n");
        assertThatThrownBy(() -> ConfigFile.read(unknown, props::get)).hasMessageContaining("etc/bad.cfg")
                .hasMessageContaining("${no.such.property}").hasMessageContaining("etc/config.properties");
    }
}
