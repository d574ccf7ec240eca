package org.gcommon.container;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code bin/gcommon}.
 *
 * <pre>
 * gcommon start [--home DIR] [--port N] [--insecure]
 * gcommon list | info | install | update | start | stop | uninstall | … (see {@link ClientCommand})
 * </pre>
 *
 * Exit status of {@code start}: 0 after a clean stop or for help, 1 when the container failed while
 * running, 2 for wrong usage (nothing was created then). Client commands: see {@link ClientCommand}.
 */
public final class Main {

    static final String USAGE = "gcommon start [--home DIR] [--port N] [--insecure]";

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    /** System property set by {@code bin/gcommon}: the distribution directory. */
    static final String PROP_DIST = "gcommon.dist";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args)));
    }

    static int run(List<String> args) {
        try {
            if (args.isEmpty()) {
                throw new UsageException("no command given: use " + USAGE);
            }
            String command = args.get(0);
            List<String> rest = args.subList(1, args.size());
            switch (command) {
                case "start":
                    if (ClientCommand.namesAPlugin(rest)) {
                        return new ClientCommand(distributionDir(), System.out, System.err).run(command, rest);
                    }
                    return new StartCommand(distributionDir()).run(rest);
                case "help":
                case "--help":
                case "-h":
                    System.out.println(help());
                    return EXIT_OK;
                default:
                    if (ClientCommand.COMMANDS.contains(command)) {
                        return new ClientCommand(distributionDir(), System.out, System.err).run(command, rest);
                    }
                    throw new UsageException("unknown command '" + command + "': use " + USAGE
                            + System.lineSeparator() + "or a client command:" + System.lineSeparator()
                            + ClientCommand.USAGE);
            }
        } catch (UsageException e) {
            System.err.println("gcommon: " + e.getMessage());
            return EXIT_USAGE;
        }
    }

    static String help() {
        return String.join(System.lineSeparator(),
                "Usage: " + USAGE,
                "",
                "Runs the gcommon plugin container in the foreground; Ctrl-C stops it.",
                "  --home DIR   where deploy/, etc/, data/ and log/ live (default: the distribution directory);",
                "               created on first start, seeded with the distribution's deploy/ and etc/",
                "  --port N     HTTP port of /health and /api (default: 8181), bound to 127.0.0.1",
                "  --insecure   run plugins even where their sandbox cannot be enforced (a JDK without a",
                "               SecurityManager): they can then do anything the JVM can. Not recommended",
                "",
                "Client commands, for a running container (the admin token is read from DIR/etc/admin.token):",
                ClientCommand.USAGE,
                "  exit status: 0 done, 1 refused or failed, 2 wrong usage, 3 no container answers, 4 wrong or no token",
                "",
                "Environment: JAVA_HOME (the JDK to use), JAVA_OPTS (extra JVM options).");
    }

    /** The distribution directory: from bin/gcommon, else the parent of the launcher jar's lib/. */
    private static Path distributionDir() throws UsageException {
        String fromScript = System.getProperty(PROP_DIST);
        if (fromScript != null && !fromScript.isBlank()) {
            return Path.of(fromScript).toAbsolutePath().normalize();
        }
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path lib = Files.isDirectory(jar) ? jar : jar.getParent();
            return lib.getParent().toAbsolutePath().normalize();
        } catch (URISyntaxException | RuntimeException e) {
            throw new UsageException("cannot tell where the distribution is: start it with bin/gcommon, "
                    + "or pass -D" + PROP_DIST + "=DIR");
        }
    }
}
