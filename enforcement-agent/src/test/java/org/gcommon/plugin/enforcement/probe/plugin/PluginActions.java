package org.gcommon.plugin.enforcement.probe.plugin;

import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Plugin code: defined by {@code PluginLoader}, so that its frames are a plugin's. Each action calls the
 * JDK itself, as plugin code would; the answer is what the call returned.
 */
public final class PluginActions implements Function<String, String> {

    @Override
    public String apply(String action) {
        String[] parts = action.split(" ", 2);
        String argument = parts.length > 1 ? parts[1] : "";
        try {
            return switch (parts[0]) {
            case "read" -> Integer.toString(Files.readAllBytes(Path.of(argument)).length);
            case "stream" -> {
                try (FileInputStream in = new FileInputStream(argument)) {
                    yield Integer.toString(in.readAllBytes().length);
                }
            }
            case "connect" -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(argument)), 5_000);
                    yield "connected";
                }
            }
            case "exec" -> {
                Process process = new ProcessBuilder(argument).start();
                yield "exit " + process.waitFor();
            }
            case "exit" -> {
                System.exit(Integer.parseInt(argument));
                yield "still running";
            }
            case "thread" -> {
                Thread thread = new Thread(() -> { });
                thread.start();
                thread.join();
                yield "started";
            }
            default -> throw new IllegalArgumentException("unknown action " + action);
            };
        } catch (IOException e) {
            return "IOException " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
