package org.gcommon.plugin.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Reads request bodies within bounds: JSON objects up to {@link #MAX_JSON_BYTES}, jars up to the
 * configured upload limit (spooled to a file, so that a plugin is never installed from half an
 * upload). Every refusal is an {@link HttpProblem} naming the body's problem and the fix.
 */
final class RequestBodies {

    static final int MAX_JSON_BYTES = 1 << 20;

    static final Set<String> JAR_TYPES = Set.of("application/java-archive", "application/octet-stream",
            "application/zip", "application/x-java-archive");

    private RequestBodies() {
    }

    /** What a body that brings a plugin holds. */
    enum Kind {
        /** a JSON document, e.g. {@code {"source": "mvn:…"}} */
        JSON,
        /** the jar's bytes */
        JAR
    }

    /**
     * @param request a request whose body brings a plugin
     * @return what its Content-Type says the body is
     * @throws HttpProblem 415 for any other type
     */
    static Kind kindOf(HttpServletRequest request) {
        String type = mediaType(request);
        if (type.equals("application/json")) {
            return Kind.JSON;
        }
        if (JAR_TYPES.contains(type)) {
            return Kind.JAR;
        }
        throw new HttpProblem(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "Content-Type '"
                + PluginPath.shorten(String.valueOf(request.getContentType())) + "' is not accepted here",
                "send a jar as application/java-archive (with ?file=NAME.jar), or JSON {\"source\": "
                        + "\"mvn:group/artifact/version\"} as application/json");
    }

    /**
     * @param request a request with a JSON body
     * @param mapper  to parse it
     * @return the body, an object
     * @throws HttpProblem 415 when it is not JSON, 413 when it is too long, 400 when it is not a JSON object
     */
    static JsonNode jsonObject(HttpServletRequest request, ObjectMapper mapper) {
        if (!mediaType(request).equals("application/json")) {
            throw new HttpProblem(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "Content-Type '"
                    + PluginPath.shorten(String.valueOf(request.getContentType())) + "' is not accepted here",
                    "send a JSON object as application/json");
        }
        byte[] body = bounded(request, MAX_JSON_BYTES, "the JSON body",
                "send at most " + MAX_JSON_BYTES + " bytes of JSON");
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            // a broken limit (nesting too deep, a number too long) has no location
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            throw new HttpProblem(HttpServletResponse.SC_BAD_REQUEST, "the body is not valid JSON: "
                    + e.getOriginalMessage() + (at == null ? "" : " (line " + at.getLineNr() + ", column "
                            + at.getColumnNr() + ")"), "send a JSON object");
        } catch (IOException e) {
            throw new HttpProblem(HttpServletResponse.SC_BAD_REQUEST, "the body could not be read: " + e.getMessage(),
                    "send the request again");
        }
        if (node == null || !node.isObject()) {
            throw new HttpProblem(HttpServletResponse.SC_BAD_REQUEST, "the body is JSON but not an object",
                    "send a JSON object, e.g. {\"source\": \"mvn:group/artifact/version\"}");
        }
        return node;
    }

    /**
     * Copies an uploaded jar to a new file in {@code dir}, refusing it as soon as it is longer than
     * {@code maxBytes}.
     *
     * @return the file; the caller deletes it
     * @throws HttpProblem 413 for an upload over the limit, 400 for an empty or broken one
     */
    static Path spool(HttpServletRequest request, long maxBytes, Path dir) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge("the upload (" + declared + " bytes)", maxBytes);
        }
        Files.createDirectories(dir);
        Path file = Files.createTempFile(dir, "upload-", ".jar");
        boolean kept = false;
        try (InputStream in = request.getInputStream(); OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > maxBytes) {
                    throw tooLarge("the upload", maxBytes);
                }
                out.write(buffer, 0, n);
            }
            if (total == 0) {
                throw new HttpProblem(HttpServletResponse.SC_BAD_REQUEST, "the upload is empty",
                        "send the jar's bytes as the request body");
            }
            kept = true;
            return file;
        } finally {
            if (!kept) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static byte[] bounded(HttpServletRequest request, int maxBytes, String what, String fix) {
        if (request.getContentLengthLong() > maxBytes) {
            throw new HttpProblem(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, what + " is "
                    + request.getContentLengthLong() + " bytes, over the limit of " + maxBytes, fix);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw new HttpProblem(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, what + " is over the limit of "
                        + maxBytes + " bytes", fix);
            }
            return body;
        } catch (IOException e) {
            throw new HttpProblem(HttpServletResponse.SC_BAD_REQUEST, what + " could not be read: " + e.getMessage(),
                    "send the request again");
        }
    }

    private static HttpProblem tooLarge(String what, long maxBytes) {
        return new HttpProblem(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, what + " is over the limit of "
                + maxBytes + " bytes", "raise upload.max.bytes in etc/org.gcommon.plugin.console.cfg, or install "
                        + "from a source instead: {\"source\": \"mvn:group/artifact/version\"}");
    }

    private static String mediaType(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null) {
            return "";
        }
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
