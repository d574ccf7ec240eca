package org.gcommon.plugin.manager.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** Editing the grants and limits files the way an administrator also edits them by hand. */
class PropertiesFileEditorTest {

    private static final String GRANTS = """
            # Permissions an administrator grants to plugins.
            #
            #   <Bundle-SymbolicName> = (type "name" "actions"), ...

            # The webhook sample posts plugin events.
            org.gcommon.plugin.sample.webhook = \\
                (java.net.SocketPermission "127.0.0.1:*" "connect,resolve"), \\
                (org.osgi.service.event.TopicPermission "org/gcommon/plugin/STATE/*" "subscribe")
            ! another comment style
            com.acme.other = (java.util.PropertyPermission "user.home" "read")
            """;

    @Test
    void readsEntriesSpanningLines() {
        PropertiesFileEditor file = PropertiesFileEditor.parse(GRANTS);
        assertThat(GrantsFile.granted(file, "org.gcommon.plugin.sample.webhook")).containsExactly(
                "(java.net.SocketPermission \"127.0.0.1:*\" \"connect,resolve\")",
                "(org.osgi.service.event.TopicPermission \"org/gcommon/plugin/STATE/*\" \"subscribe\")");
        assertThat(GrantsFile.granted(file, "com.acme.missing")).isEmpty();
    }

    @Test
    void replacingOneGrantKeepsEveryCommentAndOtherLineAsItWas() throws Exception {
        PropertiesFileEditor file = PropertiesFileEditor.parse(GRANTS);
        GrantsFile.grant(file, "org.gcommon.plugin.sample.webhook",
                List.of("(java.net.SocketPermission  \"127.0.0.1:8080\"   \"connect\")"));
        String text = file.text();
        assertThat(text).startsWith("""
                # Permissions an administrator grants to plugins.
                #
                #   <Bundle-SymbolicName> = (type "name" "actions"), ...

                # The webhook sample posts plugin events.
                org.gcommon.plugin.sample.webhook = (java.net.SocketPermission "127.0.0.1:8080" "connect")
                ! another comment style
                com.acme.other = (java.util.PropertyPermission "user.home" "read")
                """);
        assertThat(load(text)).containsEntry("com.acme.other", "(java.util.PropertyPermission \"user.home\" \"read\")");
    }

    @Test
    void aNewGrantIsAppendedOnePermissionPerLineAndReadsBackAsWritten() throws Exception {
        PropertiesFileEditor file = PropertiesFileEditor.parse(GRANTS);
        List<String> granted = List.of("(java.io.FilePermission \"/srv/data/-\" \"read\")",
                "(java.lang.RuntimePermission \"getenv.HOME\")", "(a.b.QuotedPermission \"x\\\"y\" \"read\")");
        GrantsFile.grant(file, "com.acme.crawler", granted);
        String text = file.text();
        assertThat(text).startsWith(GRANTS).endsWith("""
                com.acme.crawler = \\
                    (java.io.FilePermission "/srv/data/-" "read"), \\
                    (java.lang.RuntimePermission "getenv.HOME"), \\
                    (a.b.QuotedPermission "x\\\\"y" "read")
                """);
        assertThat(GrantsFile.granted(PropertiesFileEditor.parse(text), "com.acme.crawler")).isEqualTo(granted);
    }

    @Test
    void anEmptyGrantRemovesTheEntryOnly() {
        PropertiesFileEditor file = PropertiesFileEditor.parse(GRANTS);
        GrantsFile.grant(file, "org.gcommon.plugin.sample.webhook", List.of());
        assertThat(file.text()).doesNotContain("SocketPermission").contains("# The webhook sample posts plugin events.")
                .contains("com.acme.other = ");
    }

    @Test
    void aMalformedPermissionIsRefusedAndTheFileUnchanged() {
        PropertiesFileEditor file = PropertiesFileEditor.parse(GRANTS);
        assertThatThrownBy(() -> GrantsFile.grant(file, "com.acme.other",
                List.of("(java.util.PropertyPermission \"a\" \"read\")", "java.net.SocketPermission \"*\"")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.net.SocketPermission \"*\"")
                .hasMessageContaining("(type \"name\" \"actions\")");
        assertThatThrownBy(() -> GrantsFile.grant(file, "x", List.of("(not a class \"n\")")))
                .hasMessageContaining("must be in double quotes");
        assertThatThrownBy(() -> GrantsFile.grant(file, "x", List.of("(1java.Foo \"n\")")))
                .hasMessageContaining("not a permission class name");
        assertThatThrownBy(() -> GrantsFile.grant(file, "x", List.of("(a.B \"unclosed)")))
                .hasMessageContaining("not closed");
        assertThat(file.text()).isEqualTo(GRANTS);
    }

    private static final String LIMITS = """
            # Resource limits of plugins.
            #threads.max = 64
            cpu.percent.max = 90
            # Per plugin:
            #com.acme.crawler.threads.max = 200
            com.acme.crawler.cpu.window.seconds = 5
            com.acme.other.threads.max = 8
            """;

    @Test
    void limitsAreReadAndReplacedPerPluginLeavingDefaultsCommentsAndOthers() throws Exception {
        PropertiesFileEditor file = PropertiesFileEditor.parse(LIMITS);
        assertThat(LimitsFile.of(file, "com.acme.crawler")).isEqualTo(Map.of("cpu.window.seconds", 5L));

        LimitsFile.set(file, "com.acme.crawler", Map.of("threads.max", 200L, "cpu.percent.max", 50L));
        Properties read = load(file.text());
        assertThat(read).containsEntry("com.acme.crawler.threads.max", "200")
                .containsEntry("com.acme.crawler.cpu.percent.max", "50").doesNotContainKey("com.acme.crawler.cpu.window.seconds")
                .containsEntry("com.acme.other.threads.max", "8").containsEntry("cpu.percent.max", "90");
        assertThat(file.text()).contains("#threads.max = 64\n", "#com.acme.crawler.threads.max = 200\n",
                "# Resource limits of plugins.\n");
        assertThat(LimitsFile.of(file, "com.acme.crawler")).isEqualTo(Map.of("threads.max", 200L, "cpu.percent.max", 50L));
    }

    @Test
    void unknownLimitsAndValuesOutOfRangeAreRefusedNamingTheFix() {
        PropertiesFileEditor file = PropertiesFileEditor.parse(LIMITS);
        assertThatThrownBy(() -> LimitsFile.set(file, "com.acme.crawler", Map.of("heap.max", 5L)))
                .hasMessageContaining("Unknown limit 'heap.max'").hasMessageContaining("threads.max, cpu.percent.max");
        assertThatThrownBy(() -> LimitsFile.set(file, "com.acme.crawler", Map.of("threads.max", 0L)))
                .hasMessageContaining("threads.max=0").hasMessageContaining("e.g. threads.max=64");
        assertThatThrownBy(() -> LimitsFile.set(file, "com.acme.crawler", Map.of("threads.max", 1L << 40)))
                .hasMessageContaining("from 1 to");
        assertThat(file.text()).isEqualTo(LIMITS);
    }

    private static Properties load(String text) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return p;
    }
}
