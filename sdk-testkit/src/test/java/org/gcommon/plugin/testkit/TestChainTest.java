package org.gcommon.plugin.testkit;

import static org.gcommon.plugin.testkit.assertions.GcommonAssertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.gcommon.plugin.api.middleware.Exchange;
import org.gcommon.plugin.api.middleware.Request;
import org.junit.jupiter.api.Test;

class TestChainTest {

    @Test
    void runsMiddlewareInOrderThenTheHandler() {
        Exchange exchange = TestChain.of(
                (ex, next) -> {
                    ex.response().headers().add("X-Order", "first");
                    next.proceed(ex);
                },
                (ex, next) -> {
                    ex.response().headers().add("X-Order", "second");
                    next.proceed(ex);
                })
                .execute(new Request("GET", "/hello", null, null), ex -> ex.response().text("text/plain", "hello"));

        assertThat(exchange.response().status()).isEqualTo(200);
        assertThat(exchange.response().headers().all("X-Order")).containsExactly("first", "second");
        assertThat(new String(exchange.response().body(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void aMiddlewareThatThrowsAnswers500NamingIt() {
        Exchange exchange = TestChain.of((ex, next) -> {
            throw new IllegalStateException("boom");
        }).execute(new Request("GET", "/", null, null), ex -> ex.response().text("text/plain", "never"));

        assertThat(exchange.response().status()).isEqualTo(500);
        assertThat(exchange.attributes()).containsKey(TestChain.FAILED);
        assertThat(new String(exchange.response().body(), StandardCharsets.UTF_8)).contains("middleware #1").contains("boom");
    }

    @Test
    void aMiddlewareMayShortCircuit() {
        Exchange exchange = TestChain.of((ex, next) -> ex.response().status(429))
                .execute(new Request("GET", "/", null, null), ex -> ex.response().text("text/plain", "never"));

        assertThat(exchange.response().status()).isEqualTo(429);
        assertThat(exchange.response().body()).isEmpty();
    }
}
