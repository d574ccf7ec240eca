package org.gcommon.plugin.sample.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 standing in for the remote side of the webhook: it records what it
 * is sent, answers with a status the test chooses, can hang, and can go down and come back on the
 * same port.
 */
final class WebhookReceiver implements AutoCloseable {

    /** Every request received, whatever the answer. */
    final List<String> received = new CopyOnWriteArrayList<>();
    /** Bodies of the requests answered with 2xx, in order. */
    final List<String> accepted = new CopyOnWriteArrayList<>();
    final List<String> contentTypes = new CopyOnWriteArrayList<>();
    volatile int answer = 200;
    volatile CountDownLatch hang;
    private final int port;
    private HttpServer server;

    WebhookReceiver() {
        server = listen(0);
        port = server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    /** Stops listening: connections are refused until {@link #comeBack()}. */
    void goDown() {
        server.stop(0);
    }

    void comeBack() {
        server = listen(port);
    }

    @Override
    public void close() {
        CountDownLatch h = hang;
        if (h != null) {
            h.countDown();
        }
        server.stop(0);
    }

    private HttpServer listen(int onPort) {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
            s.createContext("/hook", this::handle);
            s.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not listen on 127.0.0.1:" + onPort, e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        received.add(body);
        CountDownLatch h = hang;
        if (h != null) {
            try {
                h.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int status = answer;
        if (status / 100 == 2) {
            accepted.add(body);
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }
}
