package org.gcommon.plugin.api.middleware;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One step of a chain. Act before calling {@code next.proceed(exchange)}, after it, or instead of
 * it (short-circuit: write the response and return without calling {@code next}).
 *
 * <pre>
 * public void handle(Exchange exchange, Chain next) throws Exception {
 *     long start = System.nanoTime();
 *     next.proceed(exchange);
 *     exchange.response().headers().set("X-Time-Micros", String.valueOf((System.nanoTime() - start) / 1000));
 * }
 * </pre>
 *
 * A middleware that throws produces an error response for that request only; the chain and the
 * other requests carry on.
 */
@ConsumerType
@FunctionalInterface
public interface Middleware {

    /**
     * @param exchange the request and its response
     * @param next the rest of the chain
     * @throws Exception to fail this request (the runtime answers 500 naming the middleware)
     */
    void handle(Exchange exchange, Chain next) throws Exception;
}
