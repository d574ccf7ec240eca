package org.gcommon.plugin.console.internal;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A read-only JSON endpoint: GET (and HEAD) are answered by {@link #answer(HttpServletRequest)},
 * every other method gets 405, and an unexpected error gets a 500 whose body tells the caller to
 * look at the container log, where the stack trace is. Stack traces never go to HTTP clients.
 */
abstract class JsonServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String CONTENT_TYPE = "application/json; charset=utf-8";
    static final String INTERNAL_ERROR = "internal error, see the container log";

    private final transient ObjectMapper mapper = new ObjectMapper();
    final transient PluginJson json = new PluginJson(mapper);

    /**
     * @param request a GET or HEAD request
     * @return the answer
     */
    abstract JsonAnswer answer(HttpServletRequest request);

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        boolean head = "HEAD".equals(method);
        JsonAnswer answer;
        if (!head && !"GET".equals(method)) {
            response.setHeader("Allow", "GET, HEAD");
            answer = new JsonAnswer(HttpServletResponse.SC_METHOD_NOT_ALLOWED, json.error(
                    "method " + method + " is not allowed on " + request.getRequestURI(),
                    "this endpoint is read-only: use GET"));
        } else {
            answer = answerOrInternalError(request);
        }
        write(response, answer, head);
    }

    private JsonAnswer answerOrInternalError(HttpServletRequest request) {
        try {
            return answer(request);
        } catch (RuntimeException | LinkageError e) {
            // LinkageError too: a runtime bundle refreshed under a running request is a container
            // problem the caller cannot fix, and it must not become a servlet-container error page.
            log(request.getMethod() + " " + request.getRequestURI() + " failed", e);
            return new JsonAnswer(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, json.error(INTERNAL_ERROR, null));
        }
    }

    private void write(HttpServletResponse response, JsonAnswer answer, boolean head) throws IOException {
        byte[] body;
        int status = answer.status();
        try {
            body = mapper.writeValueAsBytes(answer.body());
        } catch (JsonProcessingException e) {
            log("could not write JSON", e);
            status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
            body = mapper.writeValueAsBytes(json.error(INTERNAL_ERROR, null));
        }
        response.setStatus(status);
        response.setContentType(CONTENT_TYPE);
        // health and state change from one second to the next: no cache may keep an answer
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        if (!head) {
            response.getOutputStream().write(body);
        }
    }
}
