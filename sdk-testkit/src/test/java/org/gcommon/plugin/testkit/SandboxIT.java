package org.gcommon.plugin.testkit;

import static org.gcommon.plugin.testkit.assertions.GcommonAssertions.assertThat;
import static org.gcommon.plugin.testkit.assertions.GcommonAssertions.assertThatPlugin;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import javax.inject.Inject;

import org.gcommon.plugin.api.HealthService;
import org.gcommon.plugin.api.PluginRegistry;
import org.gcommon.plugin.api.security.PluginPermissions;
import org.gcommon.plugin.testkit.exam.GcommonOptions;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Plugins deployed into a sandboxed container test, as into a container: scanned, installed as plugins
 * once the sandbox holds, and confined by it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SandboxIT {

    @Inject
    PluginRegistry registry;

    @Inject
    HealthService health;

    @Inject
    PluginPermissions permissions;

    @Configuration
    public Option[] configuration() {
        return options(GcommonOptions.runtime(), GcommonOptions.sandbox(),
                GcommonOptions.deployed(Path.of(System.getProperty("gcommon.testkit.sample")), nosyPluginJar()));
    }

    @Test
    public void runsADeployedPluginUnderTheEnforcedSandbox() {
        assertThatPlugin("memory-cache", registry, health).becomesActive().becomesHealthy().hasNoDenials(permissions);

        assertThat(permissions.enforced()).as("sandbox enforced: %s", permissions.enforcement()).isTrue();
        assertThat(registry.plugin("memory-cache").orElseThrow().location()).startsWith("gcommon:");
    }

    @Test
    public void reportsWhatThePluginWasDenied() {
        assertThatPlugin("nosy", registry, health).becomesActive().wasDenied(permissions, "user.home");

        assertThat(health.health("nosy")).hasMessageContaining("denied");
    }

    /** Packs the test's NosyPlugin classes as a plugin bundle (an activator, no Declarative Services). */
    private static Path nosyPluginJar() {
        Path classes = Path.of("target/test-classes/org/gcommon/plugin/testkit/nosy");
        Path jar = Path.of("target/nosy-plugin.jar");
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "org.gcommon.plugin.testkit.nosy");
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Bundle-Activator", "org.gcommon.plugin.testkit.nosy.NosyActivator");
        main.putValue("Import-Package", "org.gcommon.plugin.api;version=\"[1.0,2)\",org.osgi.framework");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest)) {
            for (String name : new String[] { "NosyPlugin.class", "NosyActivator.class" }) {
                zip.putNextEntry(new ZipEntry("org/gcommon/plugin/testkit/nosy/" + name));
                Files.copy(classes.resolve(name), zip);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }
}
