package org.gcommon.plugin.security.scanner.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The small parsers the manifest rules rely on, with the inputs a hostile manifest could hold. */
class TextParsingTest {

    @Test
    void headerClausesKeepQuotedSeparators() {
        List<HeaderClause> clauses = HeaderClause.parse("com.acme.a;com.acme.b;version=\"[1.0,2.0)\";"
                + "resolution:=optional, com.acme.c;uses:=\"x,y\";foo:Version=1");

        assertThat(clauses).hasSize(2);
        assertThat(clauses.get(0).paths()).containsExactly("com.acme.a", "com.acme.b");
        assertThat(clauses.get(0).attributes()).containsEntry("version", "[1.0,2.0)");
        assertThat(clauses.get(0).directives()).isEqualTo(Map.of("resolution", "optional"));
        assertThat(clauses.get(1).directives()).containsEntry("uses", "x,y");
        assertThat(clauses.get(1).attributes()).containsEntry("foo", "1");
        assertThat(HeaderClause.parse(null)).isEmpty();
        assertThat(HeaderClause.parse(" , ;; ,\"unterminated")).extracting(HeaderClause::paths)
                .containsExactly(List.of("\"unterminated"));
    }

    @Test
    void versionsFollowTheOsgiSyntax() {
        assertThat(OsgiSyntax.versionProblem("1.2.3.q-_x")).isNull();
        assertThat(OsgiSyntax.versionProblem("1.2.3.q.r")).contains("qualifier");
        assertThat(OsgiSyntax.versionProblem("")).contains("empty");
        assertThat(OsgiSyntax.versionProblem("1.+2")).contains("not a number");
        assertThat(OsgiSyntax.versionProblem("2147483648")).contains("too large");
    }

    @Test
    void componentDescriptionsGiveTheirImplementationClasses() {
        String xml = "<components><scr:component><scr:implementation class='a.B'/></scr:component>"
                + "<component><implementation\n  class = \"c.D\" /></component>"
                + "<component><implementationX class=\"no.Match\"/><reference interface=\"implementation\"/></component>"
                + "</components>";

        assertThat(ComponentDescriptors.implementationClasses(xml.getBytes(StandardCharsets.UTF_8)))
                .containsExactly("a.B", "c.D");
    }

    @Test
    void hostileTextIsReadInLinearTime() {
        byte[] tags = "<implementation ".repeat(60_000).getBytes(StandardCharsets.UTF_8);
        byte[] words = "implementation>".repeat(60_000).getBytes(StandardCharsets.UTF_8);
        String name = "a".repeat(4000);

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertThat(ComponentDescriptors.implementationClasses(tags)).isEmpty();
            assertThat(ComponentDescriptors.implementationClasses(words)).isEmpty();
            assertThat(ComponentDescriptors.matches("OSGI-INF/" + "*a".repeat(40) + "b", "OSGI-INF/" + name)).isFalse();
        });
    }

    @Test
    void componentPathPatternsMatchTheLastSegmentOnly() {
        assertThat(ComponentDescriptors.matches("OSGI-INF/*.xml", "OSGI-INF/a.xml")).isTrue();
        assertThat(ComponentDescriptors.matches("/OSGI-INF/*.xml", "OSGI-INF/a.xml")).isTrue();
        assertThat(ComponentDescriptors.matches("OSGI-INF/*.xml", "OSGI-INF/sub/a.xml")).isFalse();
        assertThat(ComponentDescriptors.matches("OSGI-INF/c-*-x.xml", "OSGI-INF/c-1-x.xml")).isTrue();
        assertThat(ComponentDescriptors.matches("OSGI-INF/c.xml", "OSGI-INF/c.xml")).isTrue();
        assertThat(ComponentDescriptors.matches("OSGI-INF/c.xml", "OSGI-INF/d.xml")).isFalse();
    }

    @Test
    void signingRelatedEntriesAreRecognised() {
        assertThat(EntryNames.isSignatureFile("META-INF/ACME.SF")).isTrue();
        assertThat(EntryNames.isSignatureFile("meta-inf/acme.sf")).isTrue();
        assertThat(EntryNames.isSignatureFile("META-INF/sub/ACME.SF")).isFalse();
        assertThat(EntryNames.isSignatureFile("META-INF/.SF")).isFalse();
        assertThat(EntryNames.isSigningRelated("META-INF/ACME.EC")).isTrue();
        assertThat(EntryNames.isSigningRelated("META-INF/SIG-X")).isTrue();
        assertThat(EntryNames.isSigningRelated("META-INF/MANIFEST.MF")).isTrue();
        assertThat(EntryNames.isSigningRelated("META-INF/maven/pom.xml")).isFalse();
    }
}
