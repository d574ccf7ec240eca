package org.gcommon.container;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * The options of {@code gcommon start}, checked for form only (no file system access).
 *
 * @param home          the home directory, absolute
 * @param homeGiven     whether {@code --home} was given (else the home is the distribution)
 * @param port          the HTTP port from {@code --port}, empty when not given
 * @param insecure      {@code --insecure}: run plugins even where the sandbox cannot be enforced
 */
record StartOptions(Path home, boolean homeGiven, OptionalInt port, boolean insecure) {

    static final int MIN_PORT = 1;
    static final int MAX_PORT = 65535;

    /**
     * @param args     the arguments after {@code start}; {@code --opt value} and {@code --opt=value}
     * @param distDir  the distribution directory, the default home
     * @return the options
     * @throws UsageException naming the argument that is wrong
     */
    static StartOptions parse(List<String> args, Path distDir) throws UsageException {
        Path home = distDir;
        boolean homeGiven = false;
        OptionalInt port = OptionalInt.empty();
        boolean insecure = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--home":
                    if (value == null) {
                        value = valueOf(args, ++i, name, "DIR");
                    }
                    home = toPath(value);
                    homeGiven = true;
                    break;
                case "--port":
                    if (value == null) {
                        value = valueOf(args, ++i, name, "N");
                    }
                    port = OptionalInt.of(parsePort(value, "--port '" + value + "'"));
                    break;
                case "--insecure":
                    if (value != null) {
                        throw new UsageException("--insecure takes no value: write --insecure alone");
                    }
                    insecure = true;
                    break;
                default:
                    throw new UsageException((arg.startsWith("-") ? "unknown option '" : "unexpected argument '")
                            + arg + "' for 'gcommon start': use " + Main.USAGE);
            }
        }
        return new StartOptions(home, homeGiven, port, insecure);
    }

    /**
     * @param value  the text of a port
     * @param input  how to name the input in an error, e.g. {@code --port 'abc'}
     * @return the port
     * @throws UsageException when it is not a number from 1 to 65535
     */
    static int parsePort(String value, String input) throws UsageException {
        int port;
        try {
            port = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(input + ": not a port number: use a number from " + MIN_PORT + " to "
                    + MAX_PORT + ", e.g. --port 8181");
        }
        if (port < MIN_PORT || port > MAX_PORT) {
            throw new UsageException(input + ": out of range: use a number from " + MIN_PORT + " to " + MAX_PORT
                    + ", e.g. --port 8181");
        }
        return port;
    }

    private static String valueOf(List<String> args, int index, String option, String placeholder)
            throws UsageException {
        if (index >= args.size() || args.get(index).startsWith("--")) {
            throw new UsageException(option + " needs a value: use " + option + " " + placeholder);
        }
        return args.get(index);
    }

    private static Path toPath(String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException("--home '': empty: give a directory, e.g. --home /var/lib/gcommon");
        }
        try {
            return Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new UsageException("--home '" + value + "': not a valid path (" + e.getReason()
                    + "): give a directory, e.g. --home /var/lib/gcommon");
        }
    }
}
