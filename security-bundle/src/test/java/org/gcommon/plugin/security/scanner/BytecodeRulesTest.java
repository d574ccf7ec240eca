package org.gcommon.plugin.security.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.gcommon.plugin.security.scanner.samples.AccessBreaker;
import org.gcommon.plugin.security.scanner.samples.CleanPlugin;
import org.gcommon.plugin.security.scanner.samples.ExitingPlugin;
import org.gcommon.plugin.security.scanner.samples.LoaderFactory;
import org.gcommon.plugin.security.scanner.samples.LookupPeeker;
import org.gcommon.plugin.security.scanner.samples.NativeLoader;
import org.gcommon.plugin.security.scanner.samples.OwnClassLoader;
import org.gcommon.plugin.security.scanner.samples.ProcessStarter;
import org.gcommon.plugin.security.scanner.samples.ThreadStarter;
import org.gcommon.plugin.security.scanner.samples.UnsafeUser;
import org.junit.jupiter.api.Test;

class BytecodeRulesTest {

    private static ScanReport scanClass(Class<?> c) {
        return Scans.scan(TestJar.bundle("com.acme.sample").withClass(c));
    }

    private static String entryOf(Class<?> c) {
        return c.getName().replace('.', '/') + ".class";
    }

    @Test
    void cleanCodeHasNoFindings() {
        assertThat(scanClass(CleanPlugin.class).findings()).isEmpty();
    }

    @Test
    void stoppingTheJvmIsRejectedWithClassMethodAndLine() {
        ScanReport report = scanClass(ExitingPlugin.class);

        assertThat(report.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(report.findings(ScanRule.BYTECODE_SYSTEM_EXIT))
                .extracting(Finding::entry, Finding::className, Finding::method, Finding::line)
                .containsExactlyInAnyOrder(
                        tuple(entryOf(ExitingPlugin.class), ExitingPlugin.class.getName(), "stop",
                                Scans.lineOf(ExitingPlugin.class, "System.exit(3)")),
                        tuple(entryOf(ExitingPlugin.class), ExitingPlugin.class.getName(), "halt",
                                Scans.lineOf(ExitingPlugin.class, "halt(1)")),
                        tuple(entryOf(ExitingPlugin.class), ExitingPlugin.class.getName(), "exitLater",
                                Scans.lineOf(ExitingPlugin.class, "System::exit")));
        assertThat(report.findings(ScanRule.BYTECODE_SYSTEM_EXIT)).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.REJECT);
            assertThat(f.message()).contains("stop the whole container").contains("PluginException");
        });
        assertThat(report.findings(ScanRule.BYTECODE_SYSTEM_EXIT)).anySatisfy(
                f -> assertThat(f.message()).contains("java.lang.Runtime.halt"));
    }

    @Test
    void startingProcessesIsRejected() {
        ScanReport report = scanClass(ProcessStarter.class);

        assertThat(report.findings(ScanRule.BYTECODE_PROCESS)).extracting(Finding::method, Finding::line)
                .contains(tuple("list", Scans.lineOf(ProcessStarter.class, "new ProcessBuilder")),
                        tuple("exec", Scans.lineOf(ProcessStarter.class, ".exec(")));
        assertThat(report.findings(ScanRule.BYTECODE_PROCESS)).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("java.lang.ProcessBuilder.start"))
                .anySatisfy(m -> assertThat(m).contains("java.lang.Runtime.exec"));
    }

    @Test
    void loadingNativeLibrariesIsRejected() {
        assertThat(scanClass(NativeLoader.class).findings(ScanRule.BYTECODE_NATIVE_LIBRARY)).singleElement()
                .satisfies(f -> {
                    assertThat(f.method()).isEqualTo("<clinit>");
                    assertThat(f.line()).isEqualTo(Scans.lineOf(NativeLoader.class, "loadLibrary"));
                    assertThat(f.message()).contains("java.lang.System.loadLibrary");
                });
    }

    @Test
    void unsafeIsRejected() {
        assertThat(scanClass(UnsafeUser.class).findings(ScanRule.BYTECODE_UNSAFE))
                .extracting(Finding::method, Finding::line)
                .contains(tuple("unsafe", Scans.lineOf(UnsafeUser.class, "theUnsafe")));
    }

    @Test
    void switchingOffAccessChecksIsRejected() {
        assertThat(scanClass(AccessBreaker.class).findings(ScanRule.BYTECODE_SET_ACCESSIBLE)).singleElement()
                .satisfies(f -> {
                    assertThat(f.method()).isEqualTo("peek");
                    assertThat(f.line()).isEqualTo(Scans.lineOf(AccessBreaker.class, "setAccessible"));
                    assertThat(f.message()).contains("setAccessible");
                });
    }

    @Test
    void classLoadersOfTheirOwnAreRejected() {
        assertThat(scanClass(OwnClassLoader.class).findings(ScanRule.BYTECODE_CLASS_LOADER)).singleElement()
                .satisfies(f -> {
                    assertThat(f.className()).isEqualTo(OwnClassLoader.class.getName());
                    assertThat(f.method()).isNull();
                    assertThat(f.message()).contains("extends java.lang.ClassLoader");
                });
        assertThat(scanClass(LoaderFactory.class).findings(ScanRule.BYTECODE_CLASS_LOADER)).singleElement()
                .satisfies(f -> {
                    assertThat(f.method()).isEqualTo("create");
                    assertThat(f.line()).isEqualTo(Scans.lineOf(LoaderFactory.class, "new URLClassLoader"));
                    assertThat(f.message()).contains("new java.net.URLClassLoader");
                });
    }

    @Test
    void creatingThreadsOnlyWarnsByDefault() {
        ScanReport report = scanClass(ThreadStarter.class);

        assertThat(report.verdict()).isEqualTo(Verdict.ACCEPT);
        assertThat(report.findings(ScanRule.BYTECODE_THREAD))
                .extracting(Finding::severity, Finding::method, Finding::line)
                .containsExactlyInAnyOrder(
                        tuple(Severity.WARN, "fork", Scans.lineOf(ThreadStarter.class, "new Thread")),
                        tuple(Severity.WARN, "pool", Scans.lineOf(ThreadStarter.class, "newFixedThreadPool")));
        assertThat(report.findings(ScanRule.BYTECODE_THREAD)).allSatisfy(f -> assertThat(f.message()).contains("executor"));
    }

    @Test
    void javaLangInvokeInternalsAreRejected() {
        assertThat(scanClass(LookupPeeker.class).findings(ScanRule.BYTECODE_INVOKE_INTERNALS))
                .extracting(Finding::method, Finding::line)
                .containsExactlyInAnyOrder(
                        tuple("privateAccess", Scans.lineOf(LookupPeeker.class, "privateLookupIn")),
                        tuple("implLookup", Scans.lineOf(LookupPeeker.class, "IMPL_LOOKUP")));
    }

    @Test
    void thePolicyCanTurnARuleToAWarningOrOff() {
        TestJar jar = TestJar.bundle("com.acme.exit").withClass(ExitingPlugin.class);

        ScanReport warned = Scans.scan(ScanPolicy.defaults().withAction(ScanRule.BYTECODE_SYSTEM_EXIT, RuleAction.WARN), jar);
        assertThat(warned.verdict()).isEqualTo(Verdict.ACCEPT);
        assertThat(warned.findings()).hasSize(3).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.WARN));

        ScanReport off = Scans.scan(ScanPolicy.defaults().withAction(ScanRule.BYTECODE_SYSTEM_EXIT, RuleAction.OFF), jar);
        assertThat(off.findings()).isEmpty();

        ScanReport threadsRejected = Scans.scan(
                ScanPolicy.defaults().withAction(ScanRule.BYTECODE_THREAD, RuleAction.REJECT),
                TestJar.bundle("com.acme.threads").withClass(ThreadStarter.class));
        assertThat(threadsRejected.verdict()).isEqualTo(Verdict.REJECT);
    }

    @Test
    void classesInJarsOnTheBundleClassPathAreChecked() {
        byte[] inner = TestJar.withoutManifest().withClass(ExitingPlugin.class).toBytes();

        ScanReport report = Scans.scan(TestJar.bundle("com.acme.embedding").entry("lib/inner.jar", inner)
                .header("Bundle-ClassPath", ".,lib/inner.jar"));

        assertThat(report.findings(ScanRule.BYTECODE_SYSTEM_EXIT)).hasSize(3)
                .allSatisfy(f -> assertThat(f.entry()).isEqualTo("lib/inner.jar!/" + entryOf(ExitingPlugin.class)));
    }

    @Test
    void aDamagedClassIsRejected() {
        ScanReport report = Scans.scan(TestJar.bundle("com.acme.bad").text("com/acme/Bad.class", "not bytecode"));

        assertThat(report.findings(ScanRule.BYTECODE_UNREADABLE_CLASS)).singleElement().satisfies(f -> {
            assertThat(f.entry()).isEqualTo("com/acme/Bad.class");
            assertThat(f.message()).contains("does not start like a class file");
        });
    }

    @Test
    void aClassTooNewForTheScannerIsRejectedNamingItsVersion() {
        byte[] future = TestJar.classBytes(CleanPlugin.class);
        future[6] = 0;
        future[7] = 99;

        ScanReport report = Scans.scan(TestJar.bundle("com.acme.future").entry("com/acme/Future.class", future));

        assertThat(report.findings(ScanRule.BYTECODE_UNREADABLE_CLASS)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("version 99 (Java 55)").contains("release 17"));
    }

    @Test
    void aLargeLibraryListsTwentyFindingsPerRuleAndCountsTheRest() {
        TestJar jar = TestJar.bundle("com.acme.big");
        byte[] exiting = TestJar.classBytes(ExitingPlugin.class);
        for (int i = 0; i < 10; i++) {
            jar.entry("copy" + i + "/" + entryOf(ExitingPlugin.class), exiting);
        }

        ScanReport report = Scans.scan(jar);

        List<Finding> exits = report.findings(ScanRule.BYTECODE_SYSTEM_EXIT);
        assertThat(exits).filteredOn(f -> f.severity() == Severity.REJECT).hasSize(20);
        assertThat(exits).filteredOn(f -> f.severity() == Severity.INFO).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("10 more findings").contains("30 in all"));
    }
}
