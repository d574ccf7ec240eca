package org.gcommon.plugin.testkit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import org.gcommon.plugin.api.middleware.Chain;
import org.gcommon.plugin.api.middleware.Exchange;
import org.gcommon.plugin.api.middleware.Handler;
import org.gcommon.plugin.api.middleware.Middleware;
import org.gcommon.plugin.api.middleware.Request;

/**
 * Runs middleware in a chain as the container's {@code MiddlewareChains} does: in the given order,
 * then the handler; a middleware or handler that throws turns into a 500 response naming it.
 *
 * <pre>
 * Exchange exchange = TestChain.of(plugin.middleware()).execute(new Request("GET", "/hello", null, null),
 *         ex -&gt; ex.response().text("text/plain", "hello"));
 * assertThat(exchange.response().status()).isEqualTo(200);
 * </pre>
 */
public final class TestChain {

    private final List<Middleware> middleware;

    private TestChain(List<Middleware> middleware) {
        this.middleware = List.copyOf(middleware);
    }

    /**
     * @param middleware the middleware, in the order they run (highest ranking first in the container)
     * @return the chain
     */
    public static TestChain of(Middleware... middleware) {
        for (Middleware m : middleware) {
            Objects.requireNonNull(m, "middleware");
        }
        return new TestChain(List.of(middleware));
    }

    /**
     * @param request the request
     * @param handler the host's handler at the end of the chain
     * @return the exchange after the chain ran, with the response
     */
    public Exchange execute(Request request, Handler handler) {
        Exchange exchange = new Exchange(request);
        execute(exchange, handler);
        return exchange;
    }

    /**
     * @param exchange the exchange to run through the chain
     * @param handler the host's handler at the end of the chain
     */
    public void execute(Exchange exchange, Handler handler) {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(handler, "handler");
        try {
            new Step(0, handler).proceed(exchange);
        } catch (Exception e) {
            // Step already answered for the middleware that threw
        }
    }

    private final class Step implements Chain {
        private final int index;
        private final Handler handler;

        Step(int index, Handler handler) {
            this.index = index;
            this.handler = handler;
        }

        @Override
        public void proceed(Exchange exchange) throws Exception {
            String who = index < middleware.size() ? "middleware #" + (index + 1) + " ("
                    + middleware.get(index).getClass().getName() + ")" : "the handler";
            try {
                if (index < middleware.size()) {
                    middleware.get(index).handle(exchange, new Step(index + 1, handler));
                } else {
                    handler.handle(exchange);
                }
            } catch (Exception e) {
                if (!exchange.attributes().containsKey(FAILED)) {
                    exchange.attributes().put(FAILED, who);
                    exchange.response().status(500).body(("500 " + who + " failed: " + e)
                            .getBytes(StandardCharsets.UTF_8));
                }
                throw e;
            }
        }
    }

    /** Attribute naming the part of the chain that failed, set on a 500 answered by the chain. */
    public static final String FAILED = "gcommon.testkit.failed";
}
