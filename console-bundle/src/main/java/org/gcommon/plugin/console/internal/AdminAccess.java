package org.gcommon.plugin.console.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.gcommon.plugin.api.PluginConstants;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Who may change the container: the holder of the admin token in {@code etc/admin.token} of the
 * container's home (in the bundle's data area when the container has no home). Requests carry it as
 * {@code Authorization: Bearer <token>}. Fails closed: when the token file cannot be read or
 * written, every change is refused.
 */
@Component(service = AdminAccess.class, immediate = true)
public class AdminAccess {

    private static final String BEARER = "Bearer ";

    @Reference(service = LoggerFactory.class)
    private Logger log;

    /** SHA-256 of the token; {@code null} when there is no usable token. */
    private volatile byte[] tokenDigest;
    private volatile Path tokenFile;

    @Activate
    void activate(BundleContext context) {
        String home = context.getProperty(PluginConstants.PROP_HOME);
        Path file = home == null || home.isBlank() ? context.getDataFile(AdminTokenFile.NAME).toPath()
                : Path.of(home, "etc", AdminTokenFile.NAME);
        tokenFile = file.toAbsolutePath().normalize();
        try {
            tokenDigest = digest(AdminTokenFile.readOrCreate(tokenFile));
            if (AdminTokenFile.readableByOthers(tokenFile)) {
                log.warn("{} can be read by other users: anyone who reads it can manage the container; "
                        + "make it readable by its owner only (chmod 600)", tokenFile);
            }
            log.info("Changes through the HTTP API need the admin token in {}", tokenFile);
        } catch (IOException | RuntimeException e) {
            log.error("No admin token ({}): every change through the HTTP API is refused until the container "
                    + "can create or read {}", e.getMessage(), tokenFile);
        }
    }

    /**
     * @param request a request that changes something
     * @param json    to write the refusal
     * @return {@code null} when the request carries the admin token, else the 401 (or 503) to answer
     */
    JsonAnswer refusal(HttpServletRequest request, PluginJson json) {
        byte[] expected = tokenDigest;
        String what = request.getMethod() + " " + request.getRequestURI();
        if (expected == null) {
            return new JsonAnswer(HttpServletResponse.SC_SERVICE_UNAVAILABLE, json.error(what
                    + " is refused: the container has no admin token (" + tokenFile + " could not be created or read)",
                    "see the container log, fix the file's permissions or delete it, and restart the container"));
        }
        String header = request.getHeader("Authorization");
        String fix = "send the header 'Authorization: Bearer <token>' with the token in " + tokenFile;
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return new JsonAnswer(HttpServletResponse.SC_UNAUTHORIZED,
                    json.error(what + " changes the container and needs the admin token", fix));
        }
        // Compared as digests, in constant time: neither the length nor any prefix of the token leaks
        // through the time the comparison takes.
        if (!MessageDigest.isEqual(expected, digest(header.substring(BEARER.length()).strip()))) {
            return new JsonAnswer(HttpServletResponse.SC_UNAUTHORIZED,
                    json.error(what + " was sent with a token that is not this container's admin token", fix));
        }
        return null;
    }

    static JsonAnswer unavailable(PluginJson json) {
        return new JsonAnswer(HttpServletResponse.SC_SERVICE_UNAVAILABLE, json.error(
                "changes are refused: the console's admin access is not running",
                "see the container log for why component " + AdminAccess.class.getName() + " did not start"));
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
