package org.gcommon.benchmarks.bundles.chain;

import java.nio.charset.StandardCharsets;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.function.IntSupplier;

import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.middleware.Chain;
import org.gcommon.plugin.api.middleware.Exchange;
import org.gcommon.plugin.api.middleware.Handler;
import org.gcommon.plugin.api.middleware.Middleware;
import org.gcommon.plugin.api.middleware.MiddlewareChains;
import org.gcommon.plugin.api.middleware.Request;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Contributes five middleware plugins to the chain {@code bench} and registers two ways to run a
 * request through the same five middleware objects: the runtime's {@link MiddlewareChains#execute}
 * and one chain written by hand (pre-built links, one try/catch turning failures into a 500).
 */
public final class Activator implements BundleActivator {

    private static final byte[] BODY = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
    private static final Handler HANDLER = exchange -> exchange.response().status(200).body(BODY);

    private ServiceTracker<MiddlewareChains, MiddlewareChains> tracker;

    @Override
    public void start(BundleContext context) throws Exception {
        List<Middleware> five = List.of(new BenchMiddleware.RequestId(), new BenchMiddleware.Timing(),
                new BenchMiddleware.Auth(), new BenchMiddleware.Tenant(), new BenchMiddleware.Counting());
        for (int i = 0; i < five.size(); i++) {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put("service.ranking", 100 - i); // highest runs first: the order of the list
            context.registerService(Plugin.class, new MiddlewareContribution("bench-mw-" + i, five.get(i)), props);
        }
        tracker = new ServiceTracker<>(context, MiddlewareChains.class, null);
        tracker.open();
        MiddlewareChains chains = tracker.waitForService(30_000);
        if (chains == null) {
            throw new IllegalStateException("No MiddlewareChains service within 30 s");
        }
        Chain handWritten = handWritten(five, HANDLER);

        register(context, "chain.size", () -> chains.middleware("bench").size());
        register(context, "chain.runtime", () -> {
            Exchange exchange = exchange();
            chains.execute("bench", exchange, HANDLER);
            return exchange.response().status() + exchange.response().headers().names().size();
        });
        register(context, "chain.handwritten", () -> {
            Exchange exchange = exchange();
            try {
                handWritten.proceed(exchange);
            } catch (Exception e) {
                exchange.response().status(500);
            }
            return exchange.response().status() + exchange.response().headers().names().size();
        });
    }

    private static Exchange exchange() {
        Request request = new Request("GET", "/bench", null, null);
        request.headers().set("Authorization", "Bearer alice");
        request.headers().set("X-Tenant", "acme");
        return new Exchange(request);
    }

    /**
     * The five as one chain written out by hand, linked once: what a host would write without a plugin
     * runtime. Each link is its own lambda, so every call site sees one middleware only.
     */
    static Chain handWritten(List<Middleware> middleware, Handler handler) {
        Middleware requestId = middleware.get(0);
        Middleware timing = middleware.get(1);
        Middleware auth = middleware.get(2);
        Middleware tenant = middleware.get(3);
        Middleware counting = middleware.get(4);
        Chain toHandler = handler::handle;
        Chain toCounting = exchange -> counting.handle(exchange, toHandler);
        Chain toTenant = exchange -> tenant.handle(exchange, toCounting);
        Chain toAuth = exchange -> auth.handle(exchange, toTenant);
        Chain toTiming = exchange -> timing.handle(exchange, toAuth);
        return exchange -> requestId.handle(exchange, toTiming);
    }

    private static void register(BundleContext context, String op, IntSupplier call) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("bench.op", op);
        context.registerService(IntSupplier.class, call, props);
    }

    @Override
    public void stop(BundleContext context) {
        tracker.close();
    }
}
