package org.gcommon.plugin.sample.requestlogging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.PluginException;
import org.gcommon.plugin.api.middleware.Exchange;
import org.gcommon.plugin.api.middleware.Middleware;
import org.gcommon.plugin.api.middleware.Request;
import org.gcommon.plugin.testkit.TestPluginContext;
import org.junit.jupiter.api.Test;

class RequestLoggingPluginTest {

    /** A clock that advances 1.5 ms each time it is read: the chain below "takes" 1500 µs. */
    private final AtomicLong nanos = new AtomicLong();
    private final RequestLoggingPlugin plugin = new RequestLoggingPlugin(() -> nanos.getAndAdd(1_500_000),
            () -> "generated-id");
    private final TestPluginContext context = new TestPluginContext(RequestLoggingPlugin.NAME);

    private Middleware started(Map<String, Object> config) throws PluginException {
        plugin.initialize(config);
        plugin.start(context);
        return plugin.middleware();
    }

    private static Exchange get(String path) {
        return new Exchange(new Request("GET", path, null, null));
    }

    @Test
    void givesTheRequestAnIdAndTimesTheRestOfTheChain() throws Exception {
        Middleware middleware = started(Map.of());
        Exchange exchange = get("/echo");
        String[] seenDownstream = new String[2];

        middleware.handle(exchange, e -> {
            seenDownstream[0] = e.request().headers().first("x-request-id").orElse(null);
            seenDownstream[1] = (String) e.attributes().get(RequestLoggingMiddleware.REQUEST_ID_ATTRIBUTE);
            e.response().status(201);
        });

        assertThat(seenDownstream).containsExactly("generated-id", "generated-id");
        assertThat(exchange.response().headers().first("X-Request-Id")).hasValue("generated-id");
        assertThat(exchange.response().headers().first("X-Response-Time-Micros")).hasValue("1500");
        assertThat(context.logLines()).contains("INFO GET /echo 201 1500us id=generated-id");
    }

    @Test
    void keepsASafeIncomingId() throws Exception {
        Middleware middleware = started(Map.of());
        Exchange exchange = get("/echo");
        exchange.request().headers().set("X-Request-Id", "client-42.a_b:c");

        middleware.handle(exchange, e -> {
        });

        assertThat(exchange.response().headers().first("X-Request-Id")).hasValue("client-42.a_b:c");
    }

    @Test
    void replacesAnIdThatIsTooLongOrCouldForgeLogLines() throws Exception {
        Middleware middleware = started(Map.of());
        for (String unsafe : new String[] { "a".repeat(65), "abc\r\nINFO forged", "with space", "\"quoted\"", "" }) {
            Exchange exchange = get("/echo");
            exchange.request().headers().set("X-Request-Id", unsafe);

            middleware.handle(exchange, e -> {
            });

            assertThat(exchange.response().headers().first("X-Request-Id")).as(unsafe).hasValue("generated-id");
        }
        Exchange longest = get("/echo");
        longest.request().headers().set("X-Request-Id", "b".repeat(64));
        middleware.handle(longest, e -> {
        });
        assertThat(longest.response().headers().first("X-Request-Id")).hasValue("b".repeat(64));
    }

    @Test
    void realIdsAreUuids() throws Exception {
        RequestLoggingPlugin real = new RequestLoggingPlugin();
        real.initialize(Map.of());
        real.start(context);
        Exchange exchange = get("/echo");

        real.middleware().handle(exchange, e -> {
        });

        assertThat(exchange.response().headers().first("X-Request-Id").orElseThrow())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(Long.parseLong(exchange.response().headers().first("X-Response-Time-Micros").orElseThrow()))
                .isNotNegative();
    }

    @Test
    void aFailureFurtherDownIsStillIdentifiedTimedAndLoggedAs500() throws Exception {
        Middleware middleware = started(Map.of());
        Exchange exchange = get("/boom");

        assertThatThrownBy(() -> middleware.handle(exchange, e -> {
            throw new IllegalStateException("handler broke");
        })).hasMessage("handler broke");

        assertThat(exchange.response().headers().first("X-Request-Id")).hasValue("generated-id");
        assertThat(exchange.response().headers().first("X-Response-Time-Micros")).hasValue("1500");
        assertThat(context.logLines()).contains("INFO GET /boom 500 1500us id=generated-id");
    }

    @Test
    void controlCharactersInThePathDoNotReachTheLog() throws Exception {
        Middleware middleware = started(Map.of());

        middleware.handle(get("/a\nINFO forged"), e -> {
        });

        assertThat(context.logLines()).contains("INFO GET /a?INFO forged 200 1500us id=generated-id");
    }

    @Test
    void loggingCanBeSwitchedOffWhileHeadersStay() throws Exception {
        Middleware middleware = started(Map.of("log.requests", "FALSE"));
        Exchange exchange = get("/echo");

        middleware.handle(exchange, e -> {
        });

        assertThat(exchange.response().headers().contains("X-Request-Id")).isTrue();
        assertThat(context.logLines()).noneMatch(l -> l.contains("/echo"));
        assertThat(plugin.health().details()).containsEntry("log.requests", false);
    }

    @Test
    void acceptsABooleanFromJsonConfiguration() throws Exception {
        started(Map.of("log.requests", Boolean.FALSE));

        assertThat(plugin.health().message()).contains("logging off");
    }

    @Test
    void refusesAValueThatIsNotABooleanNamingKeyValueAndForm() {
        assertThatThrownBy(() -> plugin.initialize(Map.of("log.requests", "yes")))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("'log.requests'")
                .hasMessageContaining("'yes'")
                .hasMessageContaining("true or false")
                .hasMessageContaining("etc/request-logging.cfg");
    }

    @Test
    void healthCountsRequests() throws Exception {
        Middleware middleware = started(Map.of());
        for (int i = 0; i < 3; i++) {
            middleware.handle(get("/echo"), e -> {
            });
        }

        HealthStatus health = plugin.health();

        assertThat(health.status()).isEqualTo(HealthStatus.Status.HEALTHY);
        assertThat(health.details()).containsEntry("requests", 3L);
    }

    @Test
    void hasNoMiddlewareOutsideStartAndStop() throws Exception {
        started(Map.of());
        plugin.stop(context);

        assertThatThrownBy(plugin::middleware).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("request-logging");
    }
}
