package org.gcommon.plugin.console.internal;

import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A JSON endpoint: GET (and HEAD) are answered by {@link #answer(HttpServletRequest)}; the methods in
 * {@link #changeMethods()} change something, need the admin token and are answered by
 * {@link #change(HttpServletRequest)}; every other method gets 405. An unexpected error gets a 500
 * whose body tells the caller to look at the container log, where the stack trace is. Stack traces
 * never go to HTTP clients.
 */
abstract class JsonServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String CONTENT_TYPE = "application/json; charset=utf-8";
    static final String INTERNAL_ERROR = "internal error, see the container log";

    final transient ObjectMapper mapper = new ObjectMapper();
    final transient PluginJson json = new PluginJson(mapper);

    /**
     * @param request a GET or HEAD request
     * @return the answer
     */
    abstract JsonAnswer answer(HttpServletRequest request);

    /** @return the methods besides GET and HEAD this endpoint accepts; each needs the admin token */
    Set<String> changeMethods() {
        return Set.of();
    }

    /**
     * @param request a request with one of {@link #changeMethods()}, whose admin token was checked
     * @return the answer
     */
    JsonAnswer change(HttpServletRequest request) {
        throw new UnsupportedOperationException(request.getMethod());
    }

    /** @return who checks the admin token; {@code null} while unknown, which refuses every change */
    AdminAccess access() {
        return null;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        boolean head = "HEAD".equals(method);
        JsonAnswer answer;
        if (head || "GET".equals(method)) {
            answer = answerOrInternalError(request, false);
        } else if (changeMethods().contains(method)) {
            AdminAccess current = access();
            answer = current == null ? AdminAccess.unavailable(json) : current.refusal(request, json);
            if (answer == null) {
                answer = answerOrInternalError(request, true);
            } else {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"gcommon\"");
            }
        } else {
            Set<String> allowed = new TreeSet<>(changeMethods());
            allowed.add("GET");
            allowed.add("HEAD");
            response.setHeader("Allow", String.join(", ", allowed));
            answer = new JsonAnswer(HttpServletResponse.SC_METHOD_NOT_ALLOWED, json.error(
                    "method " + method + " is not allowed on " + request.getRequestURI(),
                    "use " + String.join(", ", allowed)));
        }
        write(response, answer, head);
    }

    private JsonAnswer answerOrInternalError(HttpServletRequest request, boolean change) {
        try {
            return change ? change(request) : answer(request);
        } catch (HttpProblem p) {
            return new JsonAnswer(p.status(), json.error(p.getMessage(), p.fix()));
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
