package org.gcommon.plugin.console.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.gcommon.plugin.api.middleware.Exchange;
import org.gcommon.plugin.api.middleware.Handler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The gateway's own handler: {@code /echo} describes the request it received; anything else is 404. */
final class EchoHandler implements Handler {

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public void handle(Exchange exchange) throws JsonProcessingException {
        if (!"/echo".equals(exchange.request().path())) {
            exchange.response().status(404).text("application/json", mapper.writeValueAsString(Map.of(
                    "error", "no gateway route " + exchange.request().path(), "fix", "use /gateway/echo")));
            return;
        }
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("method", exchange.request().method());
        echo.put("path", exchange.request().path());
        echo.put("query", exchange.request().query());
        Map<String, Object> headers = new LinkedHashMap<>();
        for (String name : exchange.request().headers().names()) {
            headers.put(name, exchange.request().headers().all(name));
        }
        echo.put("headers", headers);
        echo.put("body", new String(exchange.request().body(), StandardCharsets.UTF_8));
        exchange.response().status(200).text("application/json", mapper.writeValueAsString(echo));
    }
}
