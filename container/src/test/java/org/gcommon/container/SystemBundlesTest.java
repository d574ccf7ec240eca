package org.gcommon.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/** Runtime bundles kept in line with system/ across restarts, on a real Felix framework. */
class SystemBundlesTest {

    @TempDir
    Path dir;

    private Framework framework;

    @AfterEach
    void stopFramework() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    @Test
    void installsEveryJarAtLevelOneAndStartsAllButFragments() throws Exception {
        Path system = dir.resolve("system");
        TestBundles.bundle(system.resolve("a.jar"), "test.a", "1.0.0");
        TestBundles.write(system.resolve("b-fragment.jar"),
                Map.of("Bundle-SymbolicName", "test.b", "Bundle-Version", "1.0.0", "Fragment-Host", "test.a"));

        List<Bundle> runtime = boot(system);

        assertThat(runtime).extracting(Bundle::getSymbolicName).containsExactly("test.a", "test.b");
        assertThat(runtime).extracting(Bundle::getLocation).containsExactly(
                "file:" + system.resolve("a.jar").toAbsolutePath(),
                "file:" + system.resolve("b-fragment.jar").toAbsolutePath());
        assertThat(runtime).allSatisfy(b -> assertThat(b.adapt(BundleStartLevel.class).getStartLevel()).isEqualTo(1));
        assertThat(bundle("test.a").getState()).isEqualTo(Bundle.ACTIVE);
        assertThat(bundle("test.b").getState()).isEqualTo(Bundle.RESOLVED);
        assertThat(SystemBundles.notActive(runtime)).isEmpty();
    }

    @Test
    void keepsUnchangedBundlesAcrossRestarts() throws Exception {
        Path system = dir.resolve("system");
        TestBundles.bundle(system.resolve("a.jar"), "test.a", "1.0.0");
        long firstId = boot(system).get(0).getBundleId();
        restart();

        List<Bundle> runtime = boot(system);

        assertThat(runtime).singleElement().satisfies(b -> {
            assertThat(b.getBundleId()).isEqualTo(firstId);
            assertThat(b.getState()).isEqualTo(Bundle.ACTIVE);
        });
    }

    @Test
    void updatesABundleWhoseJarChanged() throws Exception {
        Path system = dir.resolve("system");
        Path jar = TestBundles.bundle(system.resolve("a.jar"), "test.a", "1.0.0");
        long firstId = boot(system).get(0).getBundleId();
        restart();
        TestBundles.bundle(jar, "test.a", "1.1.0");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2000));

        List<Bundle> runtime = boot(system);

        assertThat(runtime).singleElement().satisfies(b -> {
            assertThat(b.getBundleId()).isEqualTo(firstId);
            assertThat(b.getVersion()).isEqualTo(Version.parseVersion("1.1.0"));
            assertThat(b.getState()).isEqualTo(Bundle.ACTIVE);
        });
    }

    @Test
    void uninstallsABundleWhoseJarIsGoneButKeepsPlugins() throws Exception {
        Path system = dir.resolve("system");
        TestBundles.bundle(system.resolve("a.jar"), "test.a", "1.0.0");
        TestBundles.bundle(system.resolve("b.jar"), "test.b", "1.0.0");
        boot(system);
        Path pluginJar = TestBundles.bundle(dir.resolve("plugin.jar"), "test.plugin", "1.0.0");
        Bundle plugin = framework.getBundleContext().installBundle("gcommon:deploy/plugin.jar",
                Files.newInputStream(pluginJar));
        plugin.start();
        restart();
        Files.delete(system.resolve("b.jar"));

        List<Bundle> runtime = boot(system);

        assertThat(runtime).extracting(Bundle::getSymbolicName).containsExactly("test.a");
        assertThat(bundle("test.b")).isNull();
        assertThat(bundle("test.plugin")).isNotNull().satisfies(b -> {
            assertThat(b.adapt(BundleStartLevel.class).getStartLevel()).isEqualTo(2);
            assertThat(b.getState()).isEqualTo(Bundle.ACTIVE);
        });
    }

    @Test
    void reinstallsEverythingWhenTheDistributionMoved() throws Exception {
        Path oldSystem = dir.resolve("old/system");
        TestBundles.bundle(oldSystem.resolve("a.jar"), "test.a", "1.0.0");
        boot(oldSystem);
        restart();
        Path newSystem = dir.resolve("new/system");
        Files.createDirectories(newSystem);
        Files.move(oldSystem.resolve("a.jar"), newSystem.resolve("a.jar"));

        List<Bundle> runtime = boot(newSystem);

        assertThat(runtime).singleElement().satisfies(b -> {
            assertThat(b.getLocation()).isEqualTo("file:" + newSystem.resolve("a.jar").toAbsolutePath());
            assertThat(b.getState()).isEqualTo(Bundle.ACTIVE);
        });
        assertThat(framework.getBundleContext().getBundles()).hasSize(2);
    }

    /** Like the launcher: init, initial level 2, synchronize, start. */
    private List<Bundle> boot(Path system) throws Exception {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow();
        framework = factory.newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, dir.resolve("data/cache").toString(),
                Constants.FRAMEWORK_BEGINNING_STARTLEVEL, "2"));
        framework.init();
        framework.adapt(FrameworkStartLevel.class).setInitialBundleStartLevel(FrameworkSettings.PLUGIN_START_LEVEL);
        List<Bundle> runtime = new SystemBundles(system, dir.resolve("data")).synchronize(framework.getBundleContext());
        framework.start();
        return runtime;
    }

    private void restart() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
        framework = null;
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(framework.getBundleContext().getBundles())
                .filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst().orElse(null);
    }
}
