package org.gcommon.plugin.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.felix.framework.Felix;
import org.gcommon.plugin.security.scanner.DefaultArchiveScanner;
import org.gcommon.plugin.security.scanner.ScanPolicy;
import org.gcommon.plugin.security.scanner.ScanReport;
import org.gcommon.plugin.security.scanner.ScanRule;
import org.gcommon.plugin.security.scanner.TestJar;
import org.gcommon.plugin.security.scanner.samples.CleanPlugin;
import org.gcommon.plugin.security.scanner.samples.ExitingPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;

/** The resolver hook in a real Felix framework. */
class PluginScanGuardTest {

    @TempDir
    Path dir;

    private Felix felix;
    private BundleContext context;
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private PluginScanGuard guard;

    @BeforeEach
    void startFramework() throws Exception {
        felix = new Felix(Map.of(Constants.FRAMEWORK_STORAGE, dir.resolve("cache").toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT, "felix.log.level", "0"));
        felix.start();
        context = felix.getBundleContext();
        guard = new PluginScanGuard(new DefaultArchiveScanner(ScanPolicy.defaults(), dir.resolve("spool")), logged::add);
        context.registerService(ResolverHookFactory.class, guard, null);
    }

    @AfterEach
    void stopFramework() throws Exception {
        felix.stop();
        felix.waitForStop(10_000);
    }

    private Bundle install(String location, TestJar jar) throws Exception {
        return context.installBundle(location, new ByteArrayInputStream(jar.toBytes()));
    }

    private boolean resolve(Bundle... bundles) {
        return felix.adapt(FrameworkWiring.class).resolveBundles(List.of(bundles));
    }

    @Test
    void aRejectedPluginNeverResolvesAndTheOthersDo() throws Exception {
        Bundle good = install("gcommon:deploy/good.jar", TestJar.bundle("com.acme.good").withClass(CleanPlugin.class));
        Bundle bad = install("gcommon:deploy/bad.jar", TestJar.bundle("com.acme.bad").withClass(ExitingPlugin.class));

        assertThat(resolve(good, bad)).isFalse();

        assertThat(good.getState()).isEqualTo(Bundle.RESOLVED);
        assertThat(bad.getState()).isEqualTo(Bundle.INSTALLED);
        assertThat(logged).singleElement().satisfies(m -> assertThat(m)
                .contains("Plugin bundle " + bad.getBundleId() + " (com.acme.bad 1.0.0, gcommon:deploy/bad.jar)")
                .contains("REJECTED by the scanner").contains("[bytecode.system-exit]"));
    }

    @Test
    void theVerdictIsKeptPerRevisionAndLoggedOnce() throws Exception {
        Bundle bad = install("gcommon:api/bad.jar", TestJar.bundle("com.acme.bad").header("DynamicImport-Package", "*"));

        resolve(bad);
        resolve(bad);
        assertThat(bad.getState()).isEqualTo(Bundle.INSTALLED);
        assertThat(logged).hasSize(1);

        // An update is a new revision: scanned again, and now it resolves.
        bad.update(new ByteArrayInputStream(TestJar.bundle("com.acme.bad").header("Bundle-Version", "1.0.1").toBytes()));
        assertThat(resolve(bad)).isTrue();
        assertThat(logged).hasSize(1);
    }

    @Test
    void aPolicyChangeJudgesRejectedRevisionsAgain() throws Exception {
        Bundle exiting = install("gcommon:deploy/exit.jar", TestJar.bundle("com.acme.exit").withClass(ExitingPlugin.class));
        assertThat(resolve(exiting)).isFalse();

        guard.modified(context, Map.of("rule.bytecode.system-exit", "warn"));

        assertThat(resolve(exiting)).isTrue();
        assertThat(logged).hasSize(1);
    }

    @Test
    void runtimeBundlesAreNotScanned() throws Exception {
        Bundle runtime = install("file:system/runtime.jar", TestJar.bundle("com.acme.runtime").withClass(ExitingPlugin.class));

        assertThat(resolve(runtime)).isTrue();
        assertThat(logged).isEmpty();
    }

    @Test
    void theHookScansWhatTheFrameworkStoredEvenWithoutDirectoryEntries() throws Exception {
        // TestJar writes no directory entries: the hook must still find the classes in their folders.
        Bundle bad = install("gcommon:shell/bad.jar", TestJar.bundle("com.acme.nested").withClass(ExitingPlugin.class)
                .text("OSGI-INF/deep/deeper/note.txt", "x"));

        BundleRevision revision = bad.adapt(BundleRevision.class);
        ScanReport report = guard.verdict(revision);

        assertThat(report.archive()).isEqualTo("gcommon:shell/bad.jar");
        assertThat(report.findings(ScanRule.BYTECODE_SYSTEM_EXIT)).hasSize(3)
                .allSatisfy(f -> assertThat(f.entry()).isEqualTo(ExitingPlugin.class.getName().replace('.', '/') + ".class"));
        assertThat(report.symbolicName()).contains("com.acme.nested");
        assertThat(dir.resolve("spool")).isEmptyDirectory();
    }

    @Test
    void aFragmentOfTheSystemBundleInstalledAnotherWayIsKeptOut() throws Exception {
        Bundle extension = install("gcommon:api/ext.jar", TestJar.bundle("com.acme.ext")
                .header("Fragment-Host", "com.acme.host"));
        Bundle host = install("gcommon:api/host.jar", TestJar.bundle("com.acme.host").header("Bundle-NativeCode",
                "lib/x.so;osname=Linux"));

        resolve(host, extension);

        assertThat(host.getState()).isEqualTo(Bundle.INSTALLED);
        assertThat(logged).anySatisfy(m -> assertThat(m).contains("com.acme.host").contains("manifest.native-code"));
    }
}
