package org.gcommon.plugin.console.internal;

import org.gcommon.plugin.api.admin.PluginAdmin;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /api/events?limit=N}: the most recent management and lifecycle events, newest first. */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("gcommon-events")
@HttpWhiteboardServletPattern("/api/events")
public class EventsServlet extends JsonServlet {

    private static final long serialVersionUID = 1L;

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PluginAdmin admin;

    @Override
    JsonAnswer answer(HttpServletRequest request) {
        PluginAdmin current = admin;
        if (current == null) {
            return new JsonAnswer(HttpServletResponse.SC_SERVICE_UNAVAILABLE, json.error(
                    "the plugin manager's management service is not running",
                    "start bundle org.gcommon.plugin.manager (see system/ and the container log)"));
        }
        return JsonAnswer.ok(json.events(current.recentEvents(limit(request.getParameter("limit")))));
    }

    static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new HttpProblem(HttpServletResponse.SC_BAD_REQUEST, "limit=" + PluginPath.shorten(value)
                + " is not a number from 1 to " + MAX_LIMIT, "use ?limit=N with 1 ≤ N ≤ " + MAX_LIMIT + ", or leave it out for "
                        + DEFAULT_LIMIT);
    }
}
