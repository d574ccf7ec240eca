package org.gcommon.plugin.security.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FilePermission;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class DenialLogTest {

    private final List<String> logged = new ArrayList<>();
    private final DenialLog log = new DenialLog(logged::add);
    private final DenialLog.Subject evil = new DenialLog.Subject(42, "org.acme.evil", "1.2.0", false);

    @Test
    void theMessageNamesPluginPermissionCallSiteAndTheGrantLine() {
        String message = log.record(evil, new RuntimePermission("exitVM.1"), "org.acme.Evil.start(Evil.java:12)");

        assertThat(message).startsWith("Plugin org.acme.evil 1.2.0 was denied (java.lang.RuntimePermission \"exitVM.1\")")
                .contains("at org.acme.Evil.start(Evil.java:12)")
                .contains("etc/org.gcommon.plugin.security.grants.cfg: org.acme.evil = (java.lang.RuntimePermission \"exitVM.1\")")
                .contains("must declare the same line in its OSGI-INF/permissions.perm");
    }

    @Test
    void eachPluginAndPermissionIsLoggedOnceAndCounted() {
        for (int i = 0; i < 5; i++) {
            log.record(evil, new FilePermission("/etc/passwd", "read"), null);
        }
        log.record(evil, new RuntimePermission("exitVM.1"), null);

        assertThat(logged).hasSize(2);
        assertThat(log.recent(42)).hasSize(2);
        assertThat(log.recent(42)).filteredOn(d -> d.permission().contains("passwd")).singleElement()
                .satisfies(d -> assertThat(d.count()).isEqualTo(5));
        assertThat(log.recent(7)).isEmpty();
    }

    @Test
    void onlyTheMostRecentDenialsOfAPluginAreKept() {
        for (int i = 0; i < DenialLog.KEPT_PER_PLUGIN + 10; i++) {
            log.record(evil, new FilePermission("/tmp/f" + i, "write"), null);
        }
        assertThat(log.recent(42)).hasSize(DenialLog.KEPT_PER_PLUGIN);
        log.forget(42);
        assertThat(log.recent(42)).isEmpty();
    }
}
