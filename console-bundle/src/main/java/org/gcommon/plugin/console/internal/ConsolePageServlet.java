package org.gcommon.plugin.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /console/}: the management web page, plain HTML, CSS and JavaScript from the bundle's
 * {@value #FOLDER} folder. The files are read once, when the component activates; a request can only
 * name one of them ({@code /console/<file>}, no sub-folders), so no path reaches anything outside
 * the folder. Every answer carries a Content-Security-Policy that allows only the page's own script,
 * style and API calls, and forbids framing and content sniffing.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("gcommon-console-page")
@HttpWhiteboardServletPattern({ ConsolePageServlet.PATH, ConsolePageServlet.PATH + "/*" })
public class ConsolePageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String PATH = "/console";
    static final String FOLDER = "console";
    static final String INDEX = "index.html";

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    /** A file directly in the folder: no separator, no leading dot, one known extension. */
    private static final Pattern FILE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}\\.(html|css|js|svg)");

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml");

    private transient Map<String, byte[]> files = Map.of();

    @Activate
    void activate(BundleContext context) throws IOException {
        Map<String, byte[]> read = new HashMap<>();
        Enumeration<URL> entries = context.getBundle().findEntries(FOLDER, "*", false);
        for (URL entry : entries == null ? Collections.<URL>emptyList() : Collections.list(entries)) {
            String path = entry.getPath();
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (FILE_NAME.matcher(name).matches()) {
                try (InputStream in = entry.openStream()) {
                    read.put(name, in.readAllBytes());
                }
            }
        }
        files = Map.copyOf(read);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        securityHeaders(response);
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            response.setHeader("Allow", "GET, HEAD");
            text(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                    "method " + method + " is not allowed on the console page: use GET");
            return;
        }
        String pathInfo = request.getPathInfo();
        if (pathInfo == null) {
            // the page's relative links need the trailing slash
            response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            response.setHeader("Location", request.getContextPath() + PATH + "/");
            return;
        }
        Optional<String> name = fileName(pathInfo);
        byte[] body = name.map(files::get).orElse(null);
        if (body == null) {
            text(response, HttpServletResponse.SC_NOT_FOUND, "the console page has no file " + shorten(pathInfo)
                    + ": open " + PATH + "/");
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(CONTENT_TYPES.get(extension(name.get())));
        // served from the bundle: a new console bundle brings new files, so always revalidate
        response.setHeader("Cache-Control", "no-cache");
        response.setContentLength(body.length);
        if (!"HEAD".equals(method)) {
            response.getOutputStream().write(body);
        }
    }

    /**
     * @param pathInfo the request's path after {@value #PATH}, starting with {@code /}
     * @return the name of the file in the folder it asks for ({@value #INDEX} for the folder itself);
     *         empty when it is no plain file name of the folder (sub-folders, dots, encoded characters)
     */
    static Optional<String> fileName(String pathInfo) {
        if (pathInfo == null || !pathInfo.startsWith("/")) {
            return Optional.empty();
        }
        String name = pathInfo.substring(1);
        if (name.isEmpty()) {
            return Optional.of(INDEX);
        }
        return FILE_NAME.matcher(name).matches() ? Optional.of(name) : Optional.empty();
    }

    static void securityHeaders(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
    }

    private static void text(HttpServletResponse response, int status, String message) throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/plain; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static String extension(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static String shorten(String path) {
        return path.length() <= 100 ? path : path.substring(0, 100) + "…";
    }
}
