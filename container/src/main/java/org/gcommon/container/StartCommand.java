package org.gcommon.container;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code gcommon start}: checks every input first, so that wrong usage leaves nothing behind; then
 * creates the home, starts logging to {@code log/gcommon.log} and runs the container in the foreground.
 */
final class StartCommand {

    private final Path distDir;

    StartCommand(Path distDir) {
        this.distDir = distDir;
    }

    /**
     * @param args the arguments after {@code start}
     * @return the exit status
     * @throws UsageException on wrong usage, before anything was created
     */
    int run(List<String> args) throws UsageException {
        StartOptions options = StartOptions.parse(args, distDir);
        SystemBundles.requireJars(distDir.resolve("system"));
        ContainerHome home = ContainerHome.check(options);
        FrameworkSettings settings = FrameworkSettings.load(home, options.port(), System.console() != null,
                options.insecure());
        HttpPort.requireFree(settings.host(), settings.port());

        try {
            home.create(distDir);
            LogTee.install(home.logFile());
        } catch (IOException e) {
            System.err.println("gcommon: cannot prepare home " + home + ": " + e + ": check its permissions and free space");
            return Main.EXIT_FAILED;
        }
        System.out.println("gcommon " + version() + " starting: home " + home + ", port " + settings.port()
                + ", Java " + Runtime.version() + " (" + System.getProperty("java.home") + ")");
        settings.warnings().forEach(warning -> System.err.println("gcommon: " + warning));
        LoggingDefaults.apply();
        return new Container(distDir, home, settings).run();
    }

    private static String version() {
        String version = StartCommand.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }
}
