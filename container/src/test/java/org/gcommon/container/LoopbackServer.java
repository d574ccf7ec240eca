package org.gcommon.container;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/** A server socket on the loopback address that accepts connections, closes them and counts them. */
final class LoopbackServer implements AutoCloseable {

    private final ServerSocket socket;
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;

    private LoopbackServer(ServerSocket socket) {
        this.socket = socket;
        this.acceptor = new Thread(this::acceptUntilClosed, "loopback-server-" + socket.getLocalPort());
        this.acceptor.setDaemon(true);
    }

    /** @return a server listening on a free loopback port */
    static LoopbackServer start() throws IOException {
        LoopbackServer server = new LoopbackServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        server.acceptor.start();
        return server;
    }

    int port() {
        return socket.getLocalPort();
    }

    /** @return how many connections were accepted so far */
    int accepted() {
        return accepted.get();
    }

    private void acceptUntilClosed() {
        while (!socket.isClosed()) {
            try (Socket connection = socket.accept()) {
                accepted.incrementAndGet();
            } catch (IOException e) {
                // closed: the loop ends
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
