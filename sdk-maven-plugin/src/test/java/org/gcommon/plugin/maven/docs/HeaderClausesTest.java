package org.gcommon.plugin.maven.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HeaderClausesTest {

    @Test
    void splitsClausesAndAttributesOutsideQuotes() {
        List<HeaderClauses.Clause> clauses = HeaderClauses.parse(
                "a.b;version=\"[1,2)\";uses:=\"x,y\", HEALTHY;when=\"started; counting, always\",c");

        assertThat(clauses).containsExactly(
                new HeaderClauses.Clause("a.b", Map.of("version", "[1,2)", "uses", "x,y")),
                new HeaderClauses.Clause("HEALTHY", Map.of("when", "started; counting, always")),
                new HeaderClauses.Clause("c", Map.of()));
    }

    @Test
    void anAbsentHeaderHasNoClauses() {
        assertThat(HeaderClauses.parse(null)).isEmpty();
        assertThat(HeaderClauses.parse("  ")).isEmpty();
    }
}
