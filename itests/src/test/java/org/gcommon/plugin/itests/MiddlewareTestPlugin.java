package org.gcommon.plugin.itests;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.gcommon.plugin.api.middleware.Exchange;
import org.gcommon.plugin.api.middleware.Middleware;
import org.gcommon.plugin.api.middleware.MiddlewarePlugin;

/**
 * A middleware plugin whose middleware the test gives; by default it traces: it adds {@code name>} to
 * the exchange's trace before calling the rest of the chain and {@code <name} after it.
 */
public class MiddlewareTestPlugin extends RecordingPlugin implements MiddlewarePlugin {

    /** Exchange attribute: the list of steps the exchange went through, in order. */
    public static final String TRACE = "trace";

    private final String chain;
    private final Middleware middleware;

    /** A tracing middleware of the default chain. */
    public MiddlewareTestPlugin(String name) {
        this(name, DEFAULT_CHAIN, null);
    }

    /** A middleware of the default chain that does what the test says. */
    public MiddlewareTestPlugin(String name, Middleware middleware) {
        this(name, DEFAULT_CHAIN, middleware);
    }

    /**
     * @param name the plugin's name
     * @param chain the chain it belongs to
     * @param middleware what it does; {@code null} to trace
     */
    public MiddlewareTestPlugin(String name, String chain, Middleware middleware) {
        super(name);
        this.chain = Objects.requireNonNull(chain, "chain");
        this.middleware = middleware != null ? middleware : (exchange, next) -> {
            trace(exchange).add(name + ">");
            next.proceed(exchange);
            trace(exchange).add("<" + name);
        };
    }

    @Override
    public String chain() {
        return chain;
    }

    @Override
    public Middleware middleware() {
        return middleware;
    }

    /** @return the exchange's trace, created on first use */
    @SuppressWarnings("unchecked")
    public static List<String> trace(Exchange exchange) {
        return (List<String>) exchange.attributes().computeIfAbsent(TRACE, key -> new ArrayList<String>());
    }
}
