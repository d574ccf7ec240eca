package org.gcommon.plugin.sample.requestlogging;

import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.gcommon.plugin.api.PluginLogger;
import org.gcommon.plugin.api.middleware.Chain;
import org.gcommon.plugin.api.middleware.Exchange;
import org.gcommon.plugin.api.middleware.Middleware;
import org.gcommon.plugin.api.middleware.Request;
import org.gcommon.plugin.api.middleware.Response;

/**
 * Gives every request an id, times the rest of the chain and logs the outcome. Runs first in the
 * chain (highest ranking) so that its timing covers all other middleware and the id is there for them.
 */
final class RequestLoggingMiddleware implements Middleware {

    /** Request and response header carrying the request id. */
    static final String REQUEST_ID = "X-Request-Id";

    /** Response header: microseconds spent in the rest of the chain, handler included. */
    static final String RESPONSE_TIME = "X-Response-Time-Micros";

    /** Exchange attribute under which later middleware and the handler find the request id. */
    static final String REQUEST_ID_ATTRIBUTE = "request.id";

    private final PluginLogger log;
    private final LongSupplier nanoTime;
    private final Supplier<String> newId;
    private final LongAdder requests = new LongAdder();

    /**
     * @param log where request lines go; {@code null} to log nothing
     * @param nanoTime the clock timing requests ({@code System::nanoTime} outside tests)
     * @param newId makes an id for requests that bring no usable one
     */
    RequestLoggingMiddleware(PluginLogger log, LongSupplier nanoTime, Supplier<String> newId) {
        this.log = log;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.newId = Objects.requireNonNull(newId, "newId");
    }

    @Override
    public void handle(Exchange exchange, Chain next) throws Exception {
        Request request = exchange.request();
        String id = request.headers().first(REQUEST_ID).filter(RequestIds::isSafe).orElseGet(newId);
        request.headers().set(REQUEST_ID, id);
        exchange.attributes().put(REQUEST_ID_ATTRIBUTE, id);
        long start = nanoTime.getAsLong();
        boolean failed = true;
        try {
            next.proceed(exchange);
            failed = false;
        } finally {
            // Also when the rest of the chain throws: the runtime then answers 500 on this same response,
            // and the id is what ties that answer to the log line.
            long micros = Math.max(0, (nanoTime.getAsLong() - start) / 1_000);
            Response response = exchange.response();
            response.headers().set(REQUEST_ID, id).set(RESPONSE_TIME, Long.toString(micros));
            requests.increment();
            if (log != null) {
                log.info("{} {} {} {}us id={}", request.method(), printable(request.path()),
                        failed ? "500" : Integer.toString(response.status()), micros, id);
            }
        }
    }

    /** @return how many requests passed through */
    long requests() {
        return requests.sum();
    }

    /** Paths come from clients: keep control characters out of the log so a path cannot forge a line. */
    private static String printable(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return out.toString();
    }
}
