package org.gcommon.benchmarks.harness;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/**
 * The baseline launcher: Felix with a list of bundles and nothing of gcommon, as a process of its own.
 *
 * <pre>
 * BareFelix STORAGE PORT [felix.fileinstall.dir=DIR ...] -- JAR...
 * </pre>
 *
 * Prints {@code STARTED <symbolic name>} for every bundle that starts after the framework is up, so
 * that a measurement can see a dropped jar become ACTIVE. Stops cleanly on SIGTERM.
 */
public final class BareFelix {

    private BareFelix() {
    }

    public static void main(String[] args) throws Exception {
        Path storage = Path.of(args[0]);
        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        props.put("felix.log.level", "1");
        props.put("gosh.args", "--nointeractive");
        props.put("org.apache.felix.http.host", "127.0.0.1");
        props.put("org.osgi.service.http.port", args[1]);
        List<Path> jars = new ArrayList<>();
        boolean inJars = false;
        for (int i = 2; i < args.length; i++) {
            if (inJars) {
                jars.add(Path.of(args[i]));
            } else if (args[i].equals("--")) {
                inJars = true;
            } else {
                int eq = args[i].indexOf('=');
                props.put(args[i].substring(0, eq), args[i].substring(eq + 1));
            }
        }
        Framework framework = new FrameworkFactory().newFramework(props);
        framework.init();
        for (Path jar : jars) {
            String location = "file:" + jar.toAbsolutePath();
            Bundle b = framework.getBundleContext().getBundle(location);
            if (b == null) {
                try (InputStream in = Files.newInputStream(jar)) {
                    b = framework.getBundleContext().installBundle(location, in);
                }
            }
            if (!EmbeddedFelix.isFragment(b)) {
                b.start();
            }
        }
        framework.start();
        framework.getBundleContext().addBundleListener(event -> {
            if (event.getType() == BundleEvent.STARTED) {
                System.out.println("STARTED " + event.getBundle().getSymbolicName());
                System.out.flush();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                framework.stop();
                framework.waitForStop(30_000);
            } catch (Exception e) {
                System.err.println("bare felix: stop failed: " + e);
            }
        }));
        System.out.println("bare felix started");
        System.out.flush();
        framework.waitForStop(0);
    }
}
