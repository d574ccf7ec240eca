package org.gcommon.plugin.security.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.gcommon.plugin.security.scanner.samples.CleanPlugin;
import org.gcommon.plugin.security.scanner.samples.ExitingPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestRulesTest {

    private static final String COMPONENT_XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.4.0\" name=\"clean\">\n"
            + "  <implementation class=\"%s\"/>\n</scr:component>\n";

    private static TestJar plugin() {
        return TestJar.bundle("com.acme.plugin").withClass(CleanPlugin.class);
    }

    private static List<Finding> rejected(TestJar jar, ScanRule rule) {
        ScanReport report = Scans.scan(jar);
        assertThat(report.verdict()).as("%s", report.findings()).isEqualTo(Verdict.REJECT);
        List<Finding> found = report.findings(rule);
        assertThat(found).as("findings of %s in %s", rule.id(), report.findings()).isNotEmpty();
        return found;
    }

    private static void accepted(TestJar jar) {
        ScanReport report = Scans.scan(jar);
        assertThat(report.findings(Severity.REJECT)).isEmpty();
        assertThat(report.verdict()).isEqualTo(Verdict.ACCEPT);
    }

    @Test
    void aJarWithoutManifestIsNotABundle() {
        Finding f = rejected(TestJar.withoutManifest().withClass(CleanPlugin.class), ScanRule.MANIFEST_MISSING).get(0);
        assertThat(f.message()).contains("no META-INF/MANIFEST.MF").contains("bnd-maven-plugin");
    }

    @Test
    void aManifestThatCannotBeParsedIsReported() {
        TestJar jar = TestJar.withoutManifest().text("META-INF/MANIFEST.MF", "this is: fine\nbut this line has no colon\n");
        assertThat(rejected(jar, ScanRule.MANIFEST_MISSING).get(0).message()).contains("cannot be read");
    }

    @Test
    void bundleManifestVersionMustBeTwo() {
        assertThat(rejected(plugin().header("Bundle-ManifestVersion", null), ScanRule.MANIFEST_VERSION).get(0).message())
                .contains("Bundle-ManifestVersion is missing");
        assertThat(rejected(plugin().header("Bundle-ManifestVersion", "1"), ScanRule.MANIFEST_VERSION).get(0).message())
                .contains("'1'").contains("not 2");
        accepted(plugin().header("Bundle-ManifestVersion", "2"));
    }

    @Test
    void theSymbolicNameMustBeThereAndValid() {
        assertThat(rejected(plugin().header("Bundle-SymbolicName", null), ScanRule.MANIFEST_SYMBOLIC_NAME).get(0).message())
                .contains("no Bundle-SymbolicName");
        assertThat(rejected(plugin().header("Bundle-SymbolicName", "com acme/x"), ScanRule.MANIFEST_SYMBOLIC_NAME).get(0)
                .message()).contains("'com acme/x'").contains("not a valid symbolic name");
        accepted(plugin().header("Bundle-SymbolicName", "com.acme-cache_2;singleton:=true"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "1.x", "1..2", "-1.0.0", "1.0.0.bad!qualifier", "1.2.", "99999999999" })
    void anInvalidVersionIsRejected(String version) {
        Finding f = rejected(plugin().header("Bundle-Version", version), ScanRule.MANIFEST_BUNDLE_VERSION).get(0);
        assertThat(f.message()).contains("'" + version + "'").contains("e.g. 1.2.0");
        assertThat(f.entry()).isEqualTo("META-INF/MANIFEST.MF");
    }

    @ParameterizedTest
    @ValueSource(strings = { "1", "1.2", "1.2.3", "1.2.3.SNAPSHOT", "0.0.0.2026-11-25_x" })
    void validVersionsAreAccepted(String version) {
        ScanReport report = Scans.scan(plugin().header("Bundle-Version", version));
        assertThat(report.findings()).isEmpty();
        assertThat(report.version()).contains(version);
    }

    @Test
    void aMissingVersionIsOnlyMentioned() {
        ScanReport report = Scans.scan(plugin().header("Bundle-Version", null));
        assertThat(report.verdict()).isEqualTo(Verdict.ACCEPT);
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.message()).contains("0.0.0");
        });
    }

    @Test
    void nativeCodeIsRejected() {
        Finding f = rejected(plugin().header("Bundle-NativeCode", "lib/libacme.so;osname=Linux;processor=x86-64"),
                ScanRule.MANIFEST_NATIVE_CODE).get(0);
        assertThat(f.message()).contains("lib/libacme.so").contains("pure-Java");
    }

    @ParameterizedTest
    @ValueSource(strings = { "system.bundle", "org.apache.felix.framework;bundle-version=7",
            "system.bundle;extension:=framework", "com.acme.anything;extension:=bootclasspath" })
    void fragmentsOfTheSystemBundleAreRejected(String host) {
        Finding f = rejected(plugin().header("Fragment-Host", host), ScanRule.MANIFEST_FRAMEWORK_EXTENSION).get(0);
        assertThat(f.message()).contains("framework extension");
    }

    @Test
    void aFragmentOfAnotherBundleIsAccepted() {
        accepted(plugin().header("Fragment-Host", "com.acme.host;bundle-version=\"[1,2)\""));
    }

    @Test
    void requiringTheSystemBundleIsRejected() {
        Finding f = rejected(plugin().header("Require-Bundle", "com.acme.lib,system.bundle;resolution:=optional"),
                ScanRule.MANIFEST_REQUIRE_SYSTEM_BUNDLE).get(0);
        assertThat(f.message()).contains("system.bundle").contains("Import-Package");
        accepted(plugin().header("Require-Bundle", "com.acme.lib;bundle-version=\"[1.0,2.0)\""));
    }

    @Test
    void dynamicallyImportingEverythingIsRejected() {
        rejected(plugin().header("DynamicImport-Package", "com.acme.spi, *"), ScanRule.MANIFEST_DYNAMIC_IMPORT_ALL);
        accepted(plugin().header("DynamicImport-Package", "com.acme.*, org.example.spi"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "sun.misc", "sun.nio.ch;resolution:=optional", "jdk.internal.misc",
            "com.sun.crypto.provider", "com.sun.net.httpserver.internal.x" })
    void importsOfJdkInternalsAreRejected(String pkg) {
        Finding f = rejected(plugin().header("Import-Package", "org.osgi.framework;version=\"[1.10,2)\"," + pkg),
                ScanRule.MANIFEST_JDK_INTERNAL_IMPORT).get(0);
        assertThat(f.message()).contains(pkg.split(";")[0]).contains("Import-Package");
    }

    @Test
    void dynamicImportsOfJdkInternalsAreRejectedToo() {
        Finding f = rejected(plugin().header("DynamicImport-Package", "sun.*"), ScanRule.MANIFEST_JDK_INTERNAL_IMPORT)
                .get(0);
        assertThat(f.message()).contains("DynamicImport-Package names sun.*");
    }

    @Test
    void supportedJdkPackagesAreAccepted() {
        accepted(plugin().header("Import-Package", "com.sun.net.httpserver,com.sun.management,javax.net.ssl,"
                + "jdk.jfr,sunflower.garden"));
    }

    @Test
    void exportsIntoTheRuntimesNamespaceAreRejected() {
        Finding f = rejected(plugin().header("Export-Package", "com.acme.api;version=1.0,org.gcommon.plugin.api"),
                ScanRule.MANIFEST_RESERVED_EXPORT).get(0);
        assertThat(f.message()).contains("org.gcommon.plugin.api").contains("own namespace");
        rejected(plugin().header("Export-Package", "org.gcommon.plugin"), ScanRule.MANIFEST_RESERVED_EXPORT);
        accepted(plugin().header("Export-Package", "org.gcommon.plugins.acme;version=1.0,com.acme.api"));
    }

    @Test
    void theActivatorMustBeInTheJar() {
        Finding f = rejected(plugin().header("Bundle-Activator", "com.acme.Activator"), ScanRule.MANIFEST_ACTIVATOR_MISSING)
                .get(0);
        assertThat(f.message()).contains("com.acme.Activator").contains("com/acme/Activator.class");
        accepted(plugin().header("Bundle-Activator", CleanPlugin.class.getName()));
    }

    @Test
    void theActivatorMayLiveOnTheBundleClassPath() {
        String path = CleanPlugin.class.getName().replace('.', '/') + ".class";
        byte[] inner = TestJar.withoutManifest().withClass(CleanPlugin.class).toBytes();

        accepted(TestJar.bundle("com.acme.dir").entry("classes/" + path, TestJar.classBytes(CleanPlugin.class))
                .header("Bundle-ClassPath", "classes/").header("Bundle-Activator", CleanPlugin.class.getName()));
        accepted(TestJar.bundle("com.acme.lib").entry("lib/inner.jar", inner)
                .header("Bundle-ClassPath", ".,lib/inner.jar").header("Bundle-Activator", CleanPlugin.class.getName()));
        // On the root, but the root is not on the class path:
        rejected(plugin().header("Bundle-ClassPath", "classes").header("Bundle-Activator", CleanPlugin.class.getName()),
                ScanRule.MANIFEST_ACTIVATOR_MISSING);
    }

    @Test
    void componentDescriptionsAndTheirClassesMustBeInTheJar() {
        Finding missingXml = rejected(plugin().header("Service-Component", "OSGI-INF/clean.xml"),
                ScanRule.MANIFEST_COMPONENT_MISSING).get(0);
        assertThat(missingXml.message()).contains("OSGI-INF/clean.xml").contains("not in the jar");

        Finding missingClass = rejected(plugin().header("Service-Component", "OSGI-INF/*.xml")
                .text("OSGI-INF/a.xml", String.format(COMPONENT_XML, "com.acme.Gone")), ScanRule.MANIFEST_COMPONENT_MISSING)
                .get(0);
        assertThat(missingClass.entry()).isEqualTo("OSGI-INF/a.xml");
        assertThat(missingClass.message()).contains("com.acme.Gone").contains("com/acme/Gone.class");

        accepted(plugin().header("Service-Component", "OSGI-INF/clean.xml,OSGI-INF/more-*.xml")
                .text("OSGI-INF/clean.xml", String.format(COMPONENT_XML, CleanPlugin.class.getName()))
                .text("OSGI-INF/more-1.xml", String.format(COMPONENT_XML.replace("scr:", "").replace("xmlns:scr", "xmlns"),
                        CleanPlugin.class.getName())));
    }

    @Test
    void aFragmentsClassesMayComeFromItsHost() {
        accepted(plugin().header("Fragment-Host", "com.acme.host").header("Service-Component", "OSGI-INF/x.xml")
                .text("OSGI-INF/x.xml", String.format(COMPONENT_XML, "com.acme.host.Impl")));
    }

    @Test
    void headerFindingsAreReportedEvenWhenTheArchiveIsCutShort() {
        ScanReport report = Scans.scan(ScanPolicy.defaults().withMaxEntries(2), plugin()
                .header("DynamicImport-Package", "*").withClass(ExitingPlugin.class).text("a.txt", "a"));

        assertThat(Scans.ruleIds(report, Severity.REJECT)).containsExactlyInAnyOrder("archive.too-many-entries",
                "manifest.dynamic-import-all");
        assertThat(report.symbolicName()).contains("com.acme.plugin");
    }
}
