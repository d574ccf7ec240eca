package org.gcommon.plugin.security.scanner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The scanner on the command line ({@code bin/gcommon scan}):
 * <pre>
 * scan FILE.jar [--json] [--policy FILE]
 * </pre>
 * prints the report (text, or JSON with {@code --json}) and exits with 0 when the runtime would accept
 * the jar, 1 when it would reject it, 2 for a usage error or a file that cannot be read.
 * {@code --policy} names a {@code .cfg} file in the format of
 * {@code etc/org.gcommon.plugin.security.scanner.cfg}; without it the default policy applies.
 */
public final class ScanCommand {

    /** Exit status: the jar would be accepted. */
    public static final int ACCEPTED = 0;
    /** Exit status: the jar would be rejected. */
    public static final int REJECTED = 1;
    /** Exit status: wrong arguments, or a jar or policy file that cannot be read. */
    public static final int USAGE = 2;

    private static final String USAGE_TEXT = "usage: scan FILE.jar [--json] [--policy FILE]\n"
            + "  prints the scanner's report; exit status 0 = accepted, 1 = rejected, 2 = usage or unreadable file\n"
            + "  --json         print the report as JSON\n"
            + "  --policy FILE  the scanner policy (format of etc/" + ScanPolicy.PID + ".cfg); default: built-in";

    private ScanCommand() {
    }

    /**
     * @param args {@code scan FILE.jar [--json] [--policy FILE]}
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command without exiting the JVM.
     *
     * @param args {@code scan FILE.jar [--json] [--policy FILE]}
     * @param out where the report goes
     * @param err where usage and errors go
     * @return the exit status: {@link #ACCEPTED}, {@link #REJECTED} or {@link #USAGE}
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || !args[0].equals("scan")) {
            err.println(args.length == 0 ? USAGE_TEXT : "unknown command '" + args[0] + "'\n" + USAGE_TEXT);
            return USAGE;
        }
        Path jar = null;
        Path policyFile = null;
        boolean json = false;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--json")) {
                json = true;
            } else if (a.equals("--policy")) {
                if (i + 1 >= args.length) {
                    err.println("--policy needs a file\n" + USAGE_TEXT);
                    return USAGE;
                }
                policyFile = Path.of(args[++i]);
            } else if (a.equals("-h") || a.equals("--help")) {
                out.println(USAGE_TEXT);
                return USAGE;
            } else if (a.startsWith("-")) {
                err.println("unknown option '" + a + "'\n" + USAGE_TEXT);
                return USAGE;
            } else if (jar == null) {
                jar = Path.of(a);
            } else {
                err.println("only one jar can be scanned at a time; got '" + jar + "' and '" + a + "'\n" + USAGE_TEXT);
                return USAGE;
            }
        }
        if (jar == null) {
            err.println("no jar given\n" + USAGE_TEXT);
            return USAGE;
        }
        if (!Files.isRegularFile(jar) || !Files.isReadable(jar)) {
            err.println(jar + ": " + (Files.exists(jar) ? "not a readable file" : "no such file")
                    + "; give the path of the jar to scan");
            return USAGE;
        }
        ScanPolicy policy = ScanPolicy.defaults();
        if (policyFile != null) {
            try {
                policy = ScanPolicy.load(policyFile);
            } catch (IOException e) {
                err.println(policyFile + ": cannot read the policy file (" + e + ")");
                return USAGE;
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                return USAGE;
            }
        }
        ScanReport report = new DefaultArchiveScanner(policy).scan(jar);
        out.print(json ? report.toJson() + "\n" : report.toText());
        out.flush();
        return report.accepted() ? ACCEPTED : REJECTED;
    }
}
