package org.gcommon.benchmarks.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the jars of the measured frameworks are: {@code bundle-paths.properties}, written by the build
 * from the reactor's targets and the local repository.
 */
public final class BundlePaths {

    private static final Properties PATHS = load();

    private BundlePaths() {
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BundlePaths.class.getResourceAsStream("/bundle-paths.properties")) {
            if (in == null) {
                throw new IllegalStateException("bundle-paths.properties is not on the class path: build the benchmarks "
                        + "module with Maven (mvn -B install -pl benchmarks -am) and run them through benchmarks/run");
            }
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read bundle-paths.properties: " + e, e);
        }
        return p;
    }

    /**
     * @param key a key of bundle-paths.properties, e.g. {@code scr} or {@code manager}; the system property
     *        {@code gcommon.bench.bundle.KEY} names another jar for it
     * @return the existing file or directory it names
     */
    public static Path path(String key) {
        // another build of a bundle, e.g. the previous one, to measure two builds side by side in one run
        String value = System.getProperty("gcommon.bench.bundle." + key, PATHS.getProperty(key));
        if (value == null || value.isBlank() || value.contains("${")) {
            throw new IllegalStateException("bundle-paths.properties has no usable '" + key + "' (" + value
                    + "): rebuild the benchmarks module with Maven so that the path is filled in");
        }
        Path path = Path.of(value).toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " (bundle-paths.properties '" + key + "') does not exist: build the "
                    + "reactor first (mvn -B install -DskipTests from the repository root)");
        }
        return path;
    }

    /** @return the built container distribution, {@code container/target/gcommon} */
    public static Path container() {
        return path("container");
    }
}
