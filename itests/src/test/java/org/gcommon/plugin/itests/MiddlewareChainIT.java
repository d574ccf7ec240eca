package org.gcommon.plugin.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gcommon.plugin.itests.MiddlewareTestPlugin.trace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.gcommon.plugin.api.PluginInfo;
import org.gcommon.plugin.api.PluginState;
import org.gcommon.plugin.api.PluginType;
import org.gcommon.plugin.api.middleware.Exchange;
import org.gcommon.plugin.api.middleware.Handler;
import org.gcommon.plugin.api.middleware.MiddlewareChains;
import org.gcommon.plugin.api.middleware.MiddlewarePlugin;
import org.gcommon.plugin.api.middleware.Request;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/**
 * Middleware plugins form chains ordered by service ranking; each acts before and after the rest of
 * the chain or short-circuits it; one that throws fails only its own request; middleware that comes
 * and goes while requests run never leaves a request with a half-built chain.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MiddlewareChainIT extends GcommonTestSupport {

    private static final String DEFAULT = MiddlewarePlugin.DEFAULT_CHAIN;

    /** The host's own work at the end of the chain, as the container's gateway route would do it. */
    private static final Handler ECHO = exchange -> {
        trace(exchange).add("handler");
        exchange.response().text("text/plain", "echo " + exchange.request().path());
    };

    private static final int REQUEST_THREADS = 4;

    /** A safety bound: the request threads are stopped as soon as the middleware has come and gone. */
    private static final long MAX_REQUESTS_PER_THREAD = 2_000_000;

    private static final int HOT_MIDDLEWARE = 50;

    /** How many hot middleware are registered at once at most while they come and go. */
    private static final int HOT_AT_ONCE = 5;

    @Inject
    private MiddlewareChains chains;

    @Test
    public void middlewareRunsByRankingHighestFirstBeforeAndAfterTheRestOfTheChain() {
        registerPlugin(new MiddlewareTestPlugin("order-low"), Map.of(Constants.SERVICE_RANKING, -5));
        registerPlugin(new MiddlewareTestPlugin("order-high"), Map.of(Constants.SERVICE_RANKING, 100));
        registerPlugin(new MiddlewareTestPlugin("order-mid"), Map.of(Constants.SERVICE_RANKING, 7));
        registerPlugin(new MiddlewareTestPlugin("admin-audit", "admin", null), Map.of(Constants.SERVICE_RANKING, 500));

        eventually().untilAsserted(() -> {
            assertThat(chains.middleware(DEFAULT)).as("default chain").containsExactly("order-high", "order-mid",
                    "order-low");
            assertThat(chains.middleware("admin")).as("admin chain").containsExactly("admin-audit");
        });
        assertThat(registry.plugin("order-high")).hasValueSatisfying(
                info -> assertThat(info.type()).isEqualTo(PluginType.MIDDLEWARE));

        Exchange exchange = run(DEFAULT, "/echo");

        assertThat(trace(exchange)).containsExactly("order-high>", "order-mid>", "order-low>", "handler", "<order-low",
                "<order-mid", "<order-high");
        assertThat(exchange.response().status()).isEqualTo(200);
        assertThat(body(exchange)).isEqualTo("echo /echo");

        assertThat(chains.middleware("no-such-chain")).as("a chain nobody contributes to").isEmpty();
        assertThat(trace(run("no-such-chain", "/echo"))).as("trace through a chain without middleware")
                .containsExactly("handler");
    }

    @Test
    public void middlewareThatShortCircuitsAnswersWithoutTheRestOfTheChain() {
        registerPlugin(new MiddlewareTestPlugin("outer"), Map.of(Constants.SERVICE_RANKING, 100));
        registerPlugin(new MiddlewareTestPlugin("gate", (exchange, next) -> {
            if (exchange.request().headers().contains("X-Deny")) {
                trace(exchange).add("gate!");
                exchange.response().status(403).text("text/plain", "denied by gate");
                return;
            }
            trace(exchange).add("gate>");
            next.proceed(exchange);
            trace(exchange).add("<gate");
        }), Map.of(Constants.SERVICE_RANKING, 50));
        registerPlugin(new MiddlewareTestPlugin("inner"), Map.of(Constants.SERVICE_RANKING, -5));
        eventually().untilAsserted(() -> assertThat(chains.middleware(DEFAULT)).containsExactly("outer", "gate", "inner"));

        Exchange denied = new Exchange(new Request("GET", "/private", null, null));
        denied.request().headers().set("X-Deny", "yes");
        chains.execute(DEFAULT, denied, ECHO);

        assertThat(denied.response().status()).isEqualTo(403);
        assertThat(body(denied)).isEqualTo("denied by gate");
        assertThat(trace(denied)).as("steps of the denied request").containsExactly("outer>", "gate!", "<outer");

        Exchange allowed = run(DEFAULT, "/private");
        assertThat(allowed.response().status()).isEqualTo(200);
        assertThat(trace(allowed)).as("steps of the allowed request").containsExactly("outer>", "gate>", "inner>",
                "handler", "<inner", "<gate", "<outer");
    }

    @Test
    public void middlewareThatThrowsFailsOnlyItsOwnRequestWithA500NamingIt() {
        registerPlugin(new MiddlewareTestPlugin("outer-logger"), Map.of(Constants.SERVICE_RANKING, 100));
        registerPlugin(new MiddlewareTestPlugin("quota", (exchange, next) -> {
            trace(exchange).add("quota>");
            if (exchange.request().path().equals("/explode")) {
                throw new IllegalStateException("no quota left for /explode");
            }
            next.proceed(exchange);
        }), Map.of(Constants.SERVICE_RANKING, 20));
        eventually().untilAsserted(() -> assertThat(chains.middleware(DEFAULT)).containsExactly("outer-logger", "quota"));

        Exchange failed = run(DEFAULT, "/explode");

        assertThat(failed.response().status()).isEqualTo(500);
        assertThat(body(failed)).contains("middleware 'quota'").contains("no quota left for /explode");
        assertThat(trace(failed)).as("steps of the failed request").doesNotContain("handler");

        Exchange next = run(DEFAULT, "/fine");
        assertThat(next.response().status()).as("status of the next request").isEqualTo(200);
        assertThat(trace(next)).containsExactly("outer-logger>", "quota>", "handler", "<outer-logger");
        assertThat(chains.middleware(DEFAULT)).as("chain after the failure").containsExactly("outer-logger", "quota");

        Exchange handlerFailed = new Exchange(new Request("GET", "/fine", null, null));
        chains.execute(DEFAULT, handlerFailed, exchange -> {
            throw new IOException("disk full");
        });
        assertThat(handlerFailed.response().status()).isEqualTo(500);
        assertThat(body(handlerFailed)).contains("handler").contains("disk full").doesNotContain("quota'");
    }

    @Test
    public void middlewareComingAndGoingUnderConcurrentRequestsFailsNoRequestAndNoRequestSeesAHalfBuiltChain()
            throws Exception {
        registerPlugin(new MiddlewareTestPlugin("edge-outer"), Map.of(Constants.SERVICE_RANKING, 1_000));
        registerPlugin(new MiddlewareTestPlugin("edge-inner"), Map.of(Constants.SERVICE_RANKING, -1_000));
        eventually().untilAsserted(() -> assertThat(chains.middleware(DEFAULT)).containsExactly("edge-outer",
                "edge-inner"));

        try (ConcurrentCallers requests = ConcurrentCallers.start("gateway", REQUEST_THREADS, MAX_REQUESTS_PER_THREAD,
                () -> hotMiddlewareSeenBy(run(DEFAULT, "/hot")))) {
            requests.awaitEveryCallerAnswered("");

            Deque<ServiceRegistration<?>> registered = new ArrayDeque<>();
            for (int i = 1; i <= HOT_MIDDLEWARE; i++) {
                registered.addLast(registerPlugin(new MiddlewareTestPlugin(hotName(i)),
                        Map.of(Constants.SERVICE_RANKING, i)));
                if (registered.size() > HOT_AT_ONCE) {
                    unregister(registered.removeFirst());
                }
            }
            while (!registered.isEmpty()) {
                unregister(registered.removeFirst());
            }
            assertThat(chains.middleware(DEFAULT)).as("chain once every hot middleware is gone")
                    .containsExactly("edge-outer", "edge-inner");
            requests.awaitEveryCallerAnswered("");
            requests.close();

            assertThat(requests.failures()).as("failed or inconsistent requests (%d of %d)", requests.failureCount(),
                    requests.calls()).isEmpty();
            assertThat(requests.answers().keySet()).as("hot middleware seen by the requests (requests per thread: %s)",
                    requests.callsPerCaller()).anySatisfy(seen -> assertThat(seen).isNotEmpty());
        }
        for (int i = 1; i <= HOT_MIDDLEWARE; i++) {
            assertThat(registry.plugin(hotName(i)).map(PluginInfo::state)).as("state of %s", hotName(i))
                    .isNotEqualTo(Optional.of(PluginState.ACTIVE));
        }
    }

    private static String hotName(int i) {
        return String.format("hot-%02d", i);
    }

    /**
     * Checks one response of the hot add/remove test: status 200, the handler ran once, the edges
     * wrapped everything, each middleware acted before and after in mirror order, and the middleware
     * between the edges ran by ranking (a hot middleware's ranking is its number).
     *
     * @return the hot middleware the request went through, in order, comma-separated
     * @throws AssertionError describing the response when it is not consistent
     */
    private static String hotMiddlewareSeenBy(Exchange exchange) {
        List<String> steps = trace(exchange);
        String description = "response " + exchange.response().status() + " '" + body(exchange) + "' after steps "
                + steps;
        assertThat(exchange.response().status()).as(description).isEqualTo(200);
        int handler = steps.indexOf("handler");
        assertThat(handler).as(description).isPositive().isEqualTo(steps.lastIndexOf("handler"));
        List<String> before = new ArrayList<>();
        for (String step : steps.subList(0, handler)) {
            assertThat(step).as(description).endsWith(">");
            before.add(step.substring(0, step.length() - 1));
        }
        List<String> after = new ArrayList<>();
        for (String step : steps.subList(handler + 1, steps.size())) {
            assertThat(step).as(description).startsWith("<");
            after.add(0, step.substring(1));
        }
        assertThat(after).as("middleware after the handler, reversed: " + description).isEqualTo(before);
        assertThat(before.get(0)).as(description).isEqualTo("edge-outer");
        assertThat(before.get(before.size() - 1)).as(description).isEqualTo("edge-inner");
        List<String> hot = before.subList(1, before.size() - 1);
        for (int i = 0; i < hot.size(); i++) {
            assertThat(hot.get(i)).as(description).startsWith("hot-");
            if (i > 0) {
                assertThat(hot.get(i)).as("ranking order: " + description).isLessThan(hot.get(i - 1));
            }
        }
        return String.join(",", hot);
    }

    private Exchange run(String chain, String path) {
        Exchange exchange = new Exchange(new Request("GET", path, null, null));
        chains.execute(chain, exchange, ECHO);
        return exchange;
    }

    private static String body(Exchange exchange) {
        return new String(exchange.response().body(), StandardCharsets.UTF_8);
    }
}
