package org.gcommon.container;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;

/** Checks on the HTTP port, so that a taken port is reported up front rather than by Jetty's log. */
final class HttpPort {

    private HttpPort() {
    }

    /**
     * @param host the host to bind
     * @param port the port to bind
     * @throws UsageException when the address cannot be bound
     */
    static void requireFree(String host, int port) throws UsageException {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new UsageException(FrameworkSettings.PROP_HTTP_HOST + "=" + host + " (etc/"
                    + FrameworkSettings.CONFIG_FILE + "): unknown host: use an address of this machine, "
                    + "e.g. 127.0.0.1");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(address);
        } catch (BindException e) {
            if (String.valueOf(e.getMessage()).contains("in use")) {
                throw new UsageException("port " + port + " on " + host + " is already in use: stop what "
                        + "listens there, or start with another --port N");
            }
            throw new UsageException("cannot listen on " + host + ":" + port + " (" + e.getMessage() + "): use "
                    + "a port above 1023 (--port N), or set " + FrameworkSettings.PROP_HTTP_HOST + " in etc/"
                    + FrameworkSettings.CONFIG_FILE + " to an address of this machine");
        } catch (IOException e) {
            throw new UsageException("cannot listen on " + host + ":" + port + " (" + e.getMessage()
                    + "): start with another --port N");
        }
    }

    /**
     * Waits until the container answers {@code GET path} with anything but 404: Jetty listens as soon
     * as the HTTP bundle starts, the console's servlets come a moment later.
     *
     * @param url     the URL to ask, e.g. {@code http://127.0.0.1:8181/health}
     * @param timeout how long to wait
     * @return whether it answered within the timeout
     */
    static boolean awaitAnswer(String url, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
                connection.setConnectTimeout(250);
                connection.setReadTimeout(3000);
                int status = connection.getResponseCode();
                connection.disconnect();
                if (status != HttpURLConnection.HTTP_NOT_FOUND) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
