package org.gcommon.plugin.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class TablesTest {

    @Test
    void columnsAreAsWideAsTheirWidestCell() {
        String table = Tables.format(List.of(new String[] { "NAME", "STATE" },
                new String[] { "memory-cache", "ACTIVE" }, new String[] { "x", "FAILED" }));

        assertThat(table).isEqualTo("NAME          STATE\nmemory-cache  ACTIVE\nx             FAILED\n");
    }
}
