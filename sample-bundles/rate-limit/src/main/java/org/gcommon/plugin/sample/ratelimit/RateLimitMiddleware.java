package org.gcommon.plugin.sample.ratelimit;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import org.gcommon.plugin.api.middleware.Chain;
import org.gcommon.plugin.api.middleware.Exchange;
import org.gcommon.plugin.api.middleware.Middleware;

/**
 * Lets a request through when its bucket has a token; otherwise answers 429 itself and the rest of the
 * chain never sees the request (short-circuit).
 */
final class RateLimitMiddleware implements Middleware {

    static final int TOO_MANY_REQUESTS = 429;

    private final RateLimitConfig config;
    private final Buckets buckets;
    private final LongAdder allowed = new LongAdder();
    private final LongAdder limited = new LongAdder();

    RateLimitMiddleware(RateLimitConfig config, LongSupplier nanoTime) {
        this.config = config;
        this.buckets = new Buckets(config, nanoTime);
    }

    @Override
    public void handle(Exchange exchange, Chain next) throws Exception {
        String key = config.keyHeader().flatMap(h -> exchange.request().headers().first(h)).orElse("");
        long waitNanos = buckets.forKey(key).tryTake();
        if (waitNanos == 0) {
            allowed.increment();
            next.proceed(exchange);
            return;
        }
        limited.increment();
        long retryAfterSeconds = Math.max(1, (long) Math.ceil(waitNanos / 1e9));
        exchange.response().status(TOO_MANY_REQUESTS)
                .text("application/json", "{\"error\":\"too many requests\",\"rate_per_second\":"
                        + config.ratePerSecond() + ",\"burst\":" + config.burst() + ",\"retry_after_seconds\":"
                        + retryAfterSeconds + "}")
                .headers().set("Retry-After", Long.toString(retryAfterSeconds));
    }

    long allowed() {
        return allowed.sum();
    }

    long limited() {
        return limited.sum();
    }

    int keys() {
        return buckets.size();
    }
}
