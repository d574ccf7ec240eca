package org.gcommon.container;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.BundleRevision;

/**
 * Keeps the framework's runtime bundles in line with the jars of the distribution's {@code system/}
 * folder: installs new jars, updates changed ones, uninstalls bundles whose jar is gone. Runtime
 * bundles are installed at {@link FrameworkSettings#RUNTIME_START_LEVEL} with the location
 * {@code file:<absolute path>} and marked for start, so the framework starts them before any plugin.
 *
 * <p>Call it between {@code Framework.init()} and {@code Framework.start()}: nothing is resolved yet,
 * so updates and removals take effect without a refresh.
 */
final class SystemBundles {

    /** A record of the jars last installed, in the home's {@code data/}: detects changed jars. */
    static final String STATE_FILE = "system-bundles.properties";

    static final String LOCATION_PREFIX = "file:";

    private final Path systemDir;
    private final Path stateFile;

    /**
     * @param systemDir the distribution's {@code system/} folder
     * @param dataDir   the home's {@code data/} folder
     */
    SystemBundles(Path systemDir, Path dataDir) {
        this.systemDir = systemDir;
        this.stateFile = dataDir.resolve(STATE_FILE);
    }

    /**
     * @param systemDir the distribution's {@code system/} folder
     * @throws UsageException when it holds no jar: the distribution is incomplete
     */
    static void requireJars(Path systemDir) throws UsageException {
        try {
            if (!jarsIn(systemDir).isEmpty()) {
                return;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new UsageException("no runtime bundles in " + systemDir + ": the distribution is incomplete; "
                + "rebuild it (mvn -B install) or unpack it again");
    }

    /**
     * @param context the system bundle's context of an initialized, not yet started framework
     * @return the runtime bundles, in the order of their jars' names
     * @throws IOException     when a jar or the state file cannot be read
     * @throws BundleException when a jar cannot be installed or updated
     */
    List<Bundle> synchronize(BundleContext context) throws IOException, BundleException {
        Map<String, Path> jars = new LinkedHashMap<>();
        for (Path jar : jarsIn(systemDir)) {
            jars.put(LOCATION_PREFIX + jar.toAbsolutePath().normalize(), jar);
        }
        Properties recorded = readState();
        Properties current = new Properties();

        // removals first: a moved distribution reinstalls the same bundles under new locations
        for (Bundle bundle : context.getBundles()) {
            if (isRuntimeBundle(bundle) && !jars.containsKey(bundle.getLocation())) {
                System.out.println("gcommon: removing runtime bundle " + bundle.getSymbolicName() + " "
                        + bundle.getVersion() + ": " + bundle.getLocation() + " is gone");
                bundle.uninstall();
            }
        }

        List<Bundle> runtime = new ArrayList<>();
        int installed = 0;
        for (Map.Entry<String, Path> entry : jars.entrySet()) {
            String location = entry.getKey();
            Path jar = entry.getValue();
            String fingerprint = Files.size(jar) + "," + Files.getLastModifiedTime(jar).toMillis();
            Bundle bundle = context.getBundle(location);
            if (bundle == null) {
                try (InputStream in = Files.newInputStream(jar)) {
                    bundle = context.installBundle(location, in);
                }
                installed++;
            } else if (!fingerprint.equals(recorded.getProperty(location))) {
                try (InputStream in = Files.newInputStream(jar)) {
                    bundle.update(in);
                }
                System.out.println("gcommon: updated runtime bundle " + bundle.getSymbolicName() + " "
                        + bundle.getVersion() + " from " + jar);
            }
            current.setProperty(location, fingerprint);
            bundle.adapt(BundleStartLevel.class).setStartLevel(FrameworkSettings.RUNTIME_START_LEVEL);
            if (!isFragment(bundle)) {
                // the framework's start level is still 0: this only marks the bundle to start at level 1
                bundle.start();
            }
            runtime.add(bundle);
        }
        if (installed > 0) {
            System.out.println("gcommon: installed " + installed + " runtime bundle(s) from " + systemDir);
        }
        writeState(current);
        return runtime;
    }

    /**
     * Runtime bundles are told apart from plugins by their start level: plugins are installed at
     * {@link FrameworkSettings#PLUGIN_START_LEVEL}, whatever their location.
     */
    private static boolean isRuntimeBundle(Bundle bundle) {
        return bundle.getBundleId() != Constants.SYSTEM_BUNDLE_ID
                && bundle.getLocation().startsWith(LOCATION_PREFIX)
                && bundle.adapt(BundleStartLevel.class).getStartLevel() <= FrameworkSettings.RUNTIME_START_LEVEL;
    }

    static boolean isFragment(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    private static List<Path> jarsIn(Path dir) throws IOException {
        Map<String, Path> sorted = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.jar")) {
                for (Path file : files) {
                    if (Files.isRegularFile(file)) {
                        sorted.put(file.getFileName().toString(), file);
                    }
                }
            }
        }
        return new ArrayList<>(sorted.values());
    }

    private Properties readState() throws IOException {
        Properties state = new Properties();
        if (Files.isRegularFile(stateFile)) {
            try (Reader reader = Files.newBufferedReader(stateFile, StandardCharsets.UTF_8)) {
                state.load(reader);
            } catch (IllegalArgumentException e) {
                // a damaged record only costs an update of every runtime bundle
                state.clear();
            }
        }
        return state;
    }

    private void writeState(Properties state) throws IOException {
        Path temp = stateFile.resolveSibling(STATE_FILE + ".tmp");
        try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            state.store(writer, "Runtime bundles installed from system/: location=size,lastModified");
        }
        Files.move(temp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** @return the symbolic names of the given bundles that are not fragments and not active */
    static List<String> notActive(List<Bundle> bundles) {
        List<String> names = new ArrayList<>();
        for (Bundle bundle : bundles) {
            if (!isFragment(bundle) && bundle.getState() != Bundle.ACTIVE) {
                names.add(bundle.getSymbolicName() + " " + bundle.getVersion());
            }
        }
        return names;
    }
}
