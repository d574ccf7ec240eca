package org.gcommon.plugin.manager.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.gcommon.plugin.api.middleware.Chain;
import org.gcommon.plugin.api.middleware.Exchange;
import org.gcommon.plugin.api.middleware.Handler;
import org.gcommon.plugin.api.middleware.Middleware;
import org.gcommon.plugin.api.middleware.MiddlewareChains;
import org.gcommon.plugin.api.middleware.MiddlewarePlugin;

/**
 * The middleware chains. Each chain is an immutable array, replaced whole (copy on write) when
 * middleware comes or goes: a request runs on the array it started with, so it never sees a chain
 * half rebuilt, and running a chain takes no lock.
 */
final class MiddlewareRuntime implements TypeRuntime, MiddlewareChains {

    /** One middleware in a chain. */
    record Link(String name, int ranking, long serviceId, Middleware middleware) {
    }

    private static final Comparator<Link> ORDER = Comparator.comparingInt(Link::ranking).reversed()
            .thenComparing(Link::name);
    private static final Link[] EMPTY = new Link[0];

    private final Map<ManagedPlugin, String> members = new HashMap<>();
    private final Map<ManagedPlugin, Link> prepared = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Map<String, Link[]> chains = Map.of();

    @Override
    public void prepare(ManagedPlugin plugin, PluginCalls calls) throws CallFailure {
        if (!(plugin.plugin() instanceof MiddlewarePlugin mp)) {
            return;
        }
        Middleware middleware = calls.call("middleware()", mp::middleware);
        String chain = calls.call("chain()", mp::chain);
        if (middleware == null) {
            throw new CallFailure("middleware() of plugin '" + plugin.name() + "' returned null: return the "
                    + "Middleware this plugin contributes", null);
        }
        prepared.put(plugin, new Link(plugin.name(), plugin.origin.ranking(), plugin.origin.serviceId(), middleware));
        synchronized (members) {
            members.put(plugin, chain == null ? MiddlewarePlugin.DEFAULT_CHAIN : chain);
        }
    }

    @Override
    public void activated(ManagedPlugin plugin) {
        if (prepared.containsKey(plugin)) {
            rebuild();
        }
    }

    @Override
    public void deactivating(ManagedPlugin plugin) {
        if (prepared.remove(plugin) != null) {
            synchronized (members) {
                members.remove(plugin);
            }
            rebuild();
        }
    }

    private void rebuild() {
        synchronized (members) {
            Map<String, List<Link>> byChain = new HashMap<>();
            members.forEach((plugin, chain) -> {
                Link link = prepared.get(plugin);
                if (link != null) {
                    byChain.computeIfAbsent(chain, c -> new ArrayList<>()).add(link);
                }
            });
            Map<String, Link[]> next = new HashMap<>();
            byChain.forEach((chain, links) -> {
                links.sort(ORDER);
                next.put(chain, links.toArray(EMPTY));
            });
            chains = Map.copyOf(next);
        }
    }

    @Override
    public void execute(String chain, Exchange exchange, Handler handler) {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(handler, "handler");
        Link[] links = chains.getOrDefault(chain, EMPTY);
        try {
            new Cursor(links, 0, handler).proceed(exchange);
        } catch (StepFailure failure) {
            fail(exchange, failure.step, failure.getCause());
        } catch (Exception | LinkageError e) {
            fail(exchange, "handler", e);
        }
    }

    private static void fail(Exchange exchange, String step, Throwable cause) {
        String message = step + " failed: " + TimedCalls.describe(cause);
        exchange.response().status(500).text("application/json",
                "{\"error\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }

    @Override
    public List<String> middleware(String chain) {
        return Arrays.stream(chains.getOrDefault(chain, EMPTY)).map(Link::name).toList();
    }

    /** Marks where a failure started, so the response names the middleware that threw. */
    private static final class StepFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final String step;

        StepFailure(String step, Throwable cause) {
            super(cause);
            this.step = step;
        }
    }

    /** The rest of the chain from one position: one small object per step of a request. */
    private static final class Cursor implements Chain {
        private final Link[] links;
        private final int index;
        private final Handler handler;

        Cursor(Link[] links, int index, Handler handler) {
            this.links = links;
            this.index = index;
            this.handler = handler;
        }

        @Override
        public void proceed(Exchange exchange) throws Exception {
            if (index == links.length) {
                try {
                    handler.handle(exchange);
                } catch (StepFailure e) {
                    throw e;
                } catch (Exception | LinkageError e) {
                    throw new StepFailure("handler", e);
                }
                return;
            }
            Link link = links[index];
            try {
                link.middleware().handle(exchange, new Cursor(links, index + 1, handler));
            } catch (StepFailure e) {
                throw e;
            } catch (Exception | LinkageError e) {
                throw new StepFailure("middleware '" + link.name() + "'", e);
            }
        }
    }
}
