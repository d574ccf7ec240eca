package org.gcommon.plugin.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;

import org.gcommon.plugin.api.middleware.Exchange;
import org.gcommon.plugin.api.middleware.MiddlewareChains;
import org.gcommon.plugin.api.middleware.MiddlewarePlugin;
import org.gcommon.plugin.api.middleware.Request;
import org.gcommon.plugin.api.middleware.Response;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /gateway/*}: a demonstration host whose HTTP requests pass through the default middleware
 * chain before reaching its handler, so the effect of middleware plugins can be seen with curl.
 * {@code /gateway/echo} answers with what it received.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("gcommon-gateway")
@HttpWhiteboardServletPattern(GatewayServlet.PATH + "/*")
public class GatewayServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String PATH = "/gateway";

    /** Requests above this size are refused before the chain runs: the demonstration host echoes bodies. */
    static final int MAX_BODY = 1 << 20;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MiddlewareChains chains;

    private final transient EchoHandler echo = new EchoHandler();

    @Override
    protected void service(HttpServletRequest http, HttpServletResponse out) throws IOException {
        MiddlewareChains current = chains;
        Exchange exchange;
        if (http.getContentLengthLong() > MAX_BODY) {
            exchange = new Exchange(new Request(http.getMethod(), pathOf(http), http.getQueryString(), null));
            exchange.response().status(413).text("application/json",
                    "{\"error\":\"request body over " + MAX_BODY + " bytes\",\"fix\":\"send at most 1 MiB to /gateway\"}");
        } else {
            exchange = new Exchange(new Request(http.getMethod(), pathOf(http), http.getQueryString(), body(http)));
            for (String name : Collections.list(http.getHeaderNames())) {
                for (String value : Collections.list(http.getHeaders(name))) {
                    exchange.request().headers().add(name, value);
                }
            }
            if (current == null) {
                exchange.response().status(503).text("application/json",
                        "{\"error\":\"the plugin runtime is not running\",\"fix\":\"start bundle org.gcommon.plugin.manager\"}");
            } else {
                current.execute(MiddlewarePlugin.DEFAULT_CHAIN, exchange, echo);
            }
        }
        write(exchange.response(), out);
    }

    private static String pathOf(HttpServletRequest http) {
        String info = http.getPathInfo();
        return info == null ? "/" : info;
    }

    private static byte[] body(HttpServletRequest http) throws IOException {
        try (InputStream in = http.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            return body.length > MAX_BODY ? java.util.Arrays.copyOf(body, MAX_BODY) : body;
        }
    }

    private static void write(Response response, HttpServletResponse out) throws IOException {
        out.setStatus(response.status());
        for (String name : response.headers().names()) {
            for (String value : response.headers().all(name)) {
                out.addHeader(name, value);
            }
        }
        out.setContentLength(response.body().length);
        out.getOutputStream().write(response.body());
    }
}
