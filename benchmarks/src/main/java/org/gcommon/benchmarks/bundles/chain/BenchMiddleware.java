package org.gcommon.benchmarks.bundles.chain;

import java.util.concurrent.atomic.AtomicLong;

import org.gcommon.plugin.api.middleware.Chain;
import org.gcommon.plugin.api.middleware.Exchange;
import org.gcommon.plugin.api.middleware.Middleware;

/** Five middleware of the kinds gateways run: request id, timing, authentication, tenant, counting. */
final class BenchMiddleware {

    private BenchMiddleware() {
    }

    static final class RequestId implements Middleware {
        private final AtomicLong next = new AtomicLong();

        @Override
        public void handle(Exchange exchange, Chain chain) throws Exception {
            String id = exchange.request().headers().first("X-Request-Id").orElse(null);
            if (id == null) {
                id = Long.toString(next.incrementAndGet());
                exchange.request().headers().set("X-Request-Id", id);
            }
            exchange.attributes().put("request.id", id);
            chain.proceed(exchange);
            exchange.response().headers().set("X-Request-Id", id);
        }
    }

    static final class Timing implements Middleware {
        @Override
        public void handle(Exchange exchange, Chain chain) throws Exception {
            long start = System.nanoTime();
            chain.proceed(exchange);
            exchange.response().headers().set("X-Time-Micros", Long.toString((System.nanoTime() - start) / 1000));
        }
    }

    static final class Auth implements Middleware {
        @Override
        public void handle(Exchange exchange, Chain chain) throws Exception {
            String auth = exchange.request().headers().first("Authorization").orElse("");
            if (!auth.startsWith("Bearer ")) {
                exchange.response().status(401);
                return;
            }
            exchange.attributes().put("user", auth.substring(7));
            chain.proceed(exchange);
        }
    }

    static final class Tenant implements Middleware {
        @Override
        public void handle(Exchange exchange, Chain chain) throws Exception {
            exchange.attributes().put("tenant", exchange.request().headers().first("X-Tenant").orElse("default"));
            chain.proceed(exchange);
        }
    }

    static final class Counting implements Middleware {
        final AtomicLong requests = new AtomicLong();
        final AtomicLong errors = new AtomicLong();

        @Override
        public void handle(Exchange exchange, Chain chain) throws Exception {
            requests.incrementAndGet();
            chain.proceed(exchange);
            if (exchange.response().status() >= 500) {
                errors.incrementAndGet();
            }
        }
    }
}
