package org.gcommon.plugin.enforcement.probe;

import java.io.FilePermission;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketPermission;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;

import org.gcommon.plugin.enforcement.hook.Enforcement;

/**
 * Runs in a JVM started with the enforcement agent (see {@code AgentProcessTest}): calls guarded JDK
 * methods from plugin code and from code that is no plugin's, before and after a checker is installed,
 * and prints one line {@code key => outcome} per step for the test to read.
 */
public final class Probe {

    private static Function<String, String> plugin;

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Files.writeString(file, "probe data");
        @SuppressWarnings("unchecked")
        Function<String, String> actions = (Function<String, String>) Class
                .forName(PluginLoader.PLUGIN_PACKAGE + "PluginActions", true, new PluginLoader(Probe.class.getClassLoader()))
                .getConstructor().newInstance();
        plugin = actions;

        print("enforcer", System.getProperty(Enforcement.ENFORCER_PROPERTY));
        print("missing hooks", String.join(",", Enforcement.missingHooks()));

        // fail closed: no checker yet
        print("before checker: plugin read", plugin("read " + file));
        print("before checker: runtime read", Integer.toString(Files.readAllBytes(file).length));

        RecordingChecker checker = new RecordingChecker();
        Enforcement.install(checker);
        String readQuestion = RecordingChecker.PLUGIN + " " + new FilePermission(file.toString(), "read");

        print("plugin read", plugin("read " + file));
        print("plugin read again", plugin("read " + file));
        print("read asked", Long.toString(checker.times(readQuestion)));
        print("plugin stream", plugin("stream " + file));

        int before = checker.asked.size();
        Files.readAllBytes(file);
        print("runtime read asked", Integer.toString(checker.asked.size() - before));

        // a grant taken back counts from the next call on, once the checker's holder says so
        checker.refused.add(new FilePermission(file.toString(), "read").toString());
        Enforcement.forget(new RecordingChecker());
        print("revoked, other checker forgets", plugin("read " + file));
        Enforcement.forget(checker);
        print("revoked", plugin("read " + file));
        checker.refused.clear();
        Enforcement.forget(checker);
        print("granted again", plugin("read " + file));

        try (ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            int port = server.getLocalPort();
            Thread acceptor = new Thread(() -> {
                try (Socket s = server.accept()) {
                    s.getInputStream().read();
                } catch (Exception ignored) {
                    // the test reads the connecting side
                }
            });
            acceptor.start();
            print("plugin connect", plugin("connect " + port));
            acceptor.join();
            SocketPermission connect = new SocketPermission("127.0.0.1:" + port, "connect,resolve");
            print("connect asked", Long.toString(checker.times(RecordingChecker.PLUGIN + " " + connect)));
            checker.refused.add(connect.toString());
            Enforcement.forget(checker);
            print("plugin connect refused", plugin("connect " + port));
        }

        String program = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        checker.refused.add(new FilePermission(program, "execute").toString());
        print("plugin exec", plugin("exec " + program));

        checker.refused.add(new RuntimePermission("exitVM.3").toString());
        print("plugin exit", plugin("exit 3"));

        print("plugin thread", plugin("thread"));
        print("thread asked", Long.toString(checker.times(RecordingChecker.PLUGIN + " thread")));
        checker.refuseThreads = true;
        print("plugin thread refused", plugin("thread"));
        checker.refuseThreads = false;

        print("asked", Arrays.toString(checker.asked.toArray()));
        print("done", "yes");
    }

    /** @return the plugin's answer, or the SecurityException it got: its class and message */
    private static String plugin(String action) {
        try {
            return plugin.apply(action);
        } catch (SecurityException e) {
            return "refused " + e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private static void print(String key, String outcome) {
        System.out.println(key + " => " + outcome);
    }
}
