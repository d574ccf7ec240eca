package org.gcommon.plugin.manager.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;

import org.gcommon.plugin.api.middleware.Exchange;
import org.gcommon.plugin.api.middleware.Handler;
import org.gcommon.plugin.api.middleware.Middleware;
import org.gcommon.plugin.api.middleware.MiddlewarePlugin;
import org.gcommon.plugin.api.middleware.Request;
import org.junit.jupiter.api.Test;

class MiddlewareRuntimeTest {

    private final MiddlewareRuntime runtime = new MiddlewareRuntime();
    private long serviceIds;

    private static final Handler ECHO = ex -> ex.response().text("text/plain", "echo " + ex.request().path());

    /** A middleware plugin whose middleware is given. */
    static final class Given extends TestPlugins.Scripted implements MiddlewarePlugin {
        private final Middleware middleware;

        Given(String name, Middleware middleware) {
            super(name, "1.0.0");
            this.middleware = middleware;
        }

        @Override
        public Middleware middleware() {
            return middleware;
        }
    }

    private ManagedPlugin add(String name, int ranking, Middleware middleware) throws CallFailure {
        Given plugin = new Given(name, middleware);
        ManagedPlugin managed = new ManagedPlugin(new ManagedPlugin.Origin(++serviceIds, 1, "b", "1.0.0", "gcommon:x",
                ranking), new SerialLane(ForkJoinPool.commonPool()), plugin);
        managed.identify(name, "1.0.0");
        runtime.prepare(managed, new TypeRuntime.PluginCalls() {
            @Override
            public <T> T call(String method, TimedCalls.PluginCall<T> call) throws CallFailure {
                try {
                    return call.call();
                } catch (Exception e) {
                    throw new CallFailure(e.getMessage(), e);
                }
            }
        });
        runtime.activated(managed);
        return managed;
    }

    private static Middleware tag(String tag) {
        return (ex, next) -> {
            ex.response().headers().add("X-Before", tag);
            next.proceed(ex);
            ex.response().headers().add("X-After", tag);
        };
    }

    private Exchange run(String path) {
        Exchange ex = new Exchange(new Request("GET", path, null, null));
        runtime.execute(MiddlewarePlugin.DEFAULT_CHAIN, ex, ECHO);
        return ex;
    }

    @Test
    void highestRankingRunsFirstAndActsBeforeAndAfter() throws Exception {
        add("low", 1, tag("low"));
        add("high", 10, tag("high"));

        Exchange ex = run("/a");

        assertThat(runtime.middleware(MiddlewarePlugin.DEFAULT_CHAIN)).containsExactly("high", "low");
        assertThat(ex.response().headers().all("X-Before")).containsExactly("high", "low");
        assertThat(ex.response().headers().all("X-After")).containsExactly("low", "high");
        assertThat(new String(ex.response().body(), StandardCharsets.UTF_8)).isEqualTo("echo /a");
    }

    @Test
    void middlewareMayShortCircuit() throws Exception {
        add("gate", 10, (ex, next) -> ex.response().status(429).text("text/plain", "slow down"));
        add("inner", 1, tag("inner"));

        Exchange ex = run("/a");

        assertThat(ex.response().status()).isEqualTo(429);
        assertThat(ex.response().headers().contains("X-Before")).isFalse();
    }

    @Test
    void aThrowingMiddlewareFailsOnlyItsRequestNamingItself() throws Exception {
        add("outer", 10, tag("outer"));
        add("picky", 5, (ex, next) -> {
            if (ex.request().path().equals("/bad")) {
                throw new IllegalStateException("cannot handle /bad");
            }
            next.proceed(ex);
        });

        Exchange bad = run("/bad");
        Exchange good = run("/good");

        assertThat(bad.response().status()).isEqualTo(500);
        assertThat(new String(bad.response().body(), StandardCharsets.UTF_8)).contains("middleware 'picky' failed")
                .contains("cannot handle /bad");
        assertThat(good.response().status()).isEqualTo(200);
    }

    @Test
    void requestsNeverSeeAHalfBuiltChainWhileMiddlewareComesAndGoes() throws Exception {
        add("base", 100, tag("base"));
        ExecutorService clients = Executors.newFixedThreadPool(4);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Future<Integer>> results = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            results.add(clients.submit(() -> {
                int served = 0;
                while (running.get()) {
                    Exchange ex = run("/x");
                    List<String> before = ex.response().headers().all("X-Before");
                    List<String> after = ex.response().headers().all("X-After");
                    if (ex.response().status() != 200 || !before.contains("base")
                            || before.size() != after.size()) {
                        throw new AssertionError("inconsistent chain: " + before + " / " + after);
                    }
                    served++;
                }
                return served;
            }));
        }
        for (int i = 0; i < 200; i++) {
            ManagedPlugin extra = add("extra-" + i, i % 2 == 0 ? 200 : 50, tag("extra-" + i));
            runtime.deactivating(extra);
        }
        running.set(false);
        int total = 0;
        for (Future<Integer> f : results) {
            total += f.get();
        }
        clients.shutdown();
        assertThat(total).isPositive();
        assertThat(runtime.middleware(MiddlewarePlugin.DEFAULT_CHAIN)).containsExactly("base");
    }
}
