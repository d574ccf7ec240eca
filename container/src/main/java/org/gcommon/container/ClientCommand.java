package org.gcommon.container;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code gcommon <command>} as a client of a running container, over its HTTP API (like
 * {@code karaf client}). Reads answer with tables; changes send the admin token from the home's
 * {@code etc/admin.token}. Exit status: 0 done, 1 refused or failed (the reason is printed),
 * 2 wrong usage, 3 no container answers, 4 missing or wrong admin token.
 */
final class ClientCommand {

    static final Set<String> COMMANDS = Set.of("list", "info", "health", "install", "update", "start", "stop",
            "uninstall", "config", "grant", "limits", "events", "search", "upgrade");

    static final String USAGE = String.join(System.lineSeparator(),
            "gcommon list | health | events [--limit N]",
            "gcommon info NAME",
            "gcommon install FILE.jar | mvn:GROUP/ARTIFACT/VERSION | URL | NAME   (NAME: from the configured repositories)",
            "gcommon update NAME FILE.jar | mvn:GROUP/ARTIFACT/VERSION | URL",
            "gcommon start | stop | uninstall NAME",
            "gcommon config NAME [KEY=VALUE ...]     (no KEY=VALUE: show; else set those keys; --replace: set only those)",
            "gcommon grant NAME [PERMISSION ...]     (no PERMISSION: show; --clear: remove the grant)",
            "gcommon limits NAME [LIMIT=N ...]       (no LIMIT=N: show; --clear: remove the plugin's overrides)",
            "gcommon search [TEXT]",
            "gcommon upgrade NAME                    (to the newest version in the repositories that runs here)",
            "  options: --home DIR (default: the distribution directory) --port N --json --timeout SECONDS");

    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    /** Options that take a value, so that the value is not taken for a plugin name. */
    private static final Set<String> VALUED_OPTIONS = Set.of("--home", "--port", "--timeout", "--limit");

    private final Path distDir;
    private final PrintStream out;
    private final PrintStream err;

    ClientCommand(Path distDir, PrintStream out, PrintStream err) {
        this.distDir = distDir;
        this.out = out;
        this.err = err;
    }

    /** Parsed options and the command's own arguments. */
    private record Invocation(String command, List<String> args, Path home, Integer port, boolean json,
            Duration timeout, Set<String> flags) {
    }

    int run(String command, List<String> args) throws UsageException {
        Invocation call = parse(command, args);
        String url = call.port() != null ? "http://127.0.0.1:" + call.port()
                : ContainerAddress.recordedUrl(call.home()).orElse("http://127.0.0.1:" + FrameworkSettings.DEFAULT_PORT);
        AdminClient client = new AdminClient(url, () -> ContainerAddress.token(call.home()), call.timeout(), err);
        try {
            return execute(call, client);
        } catch (ClientException e) {
            err.println("gcommon " + command + ": " + e.getMessage());
            return e.exitCode();
        }
    }

    private int execute(Invocation call, AdminClient client) throws ClientException, UsageException {
        List<String> a = call.args();
        switch (call.command()) {
            case "list":
                expect(a, 0, "gcommon list");
                return show(call, client.get("/api/plugins"), body -> out.print(pluginTable(body.path("plugins"))));
            case "health":
                expect(a, 0, "gcommon health");
                return show(call, client.get("/health"), this::printHealth, 503);
            case "events":
                expect(a, 0, "gcommon events [--limit N]");
                return show(call, client.get("/api/events" + (call.flags().contains("limit") ? "?limit="
                        + call.flags().stream().filter(f -> f.startsWith("limit=")).findFirst().orElse("limit=")
                                .substring(6) : "")), this::printEvents);
            case "info":
                expect(a, 1, "gcommon info NAME");
                return show(call, client.get(pluginPath(a.get(0), null)), this::printInfo);
            case "start":
            case "stop":
                expect(a, 1, "gcommon " + call.command() + " NAME");
                return result(call, client.change("POST", pluginPath(a.get(0), call.command()), null,
                        call.command() + (call.command().equals("start") ? "ing " : "ping ") + a.get(0)));
            case "uninstall":
                expect(a, 1, "gcommon uninstall NAME");
                return result(call, client.change("DELETE", pluginPath(a.get(0), null), null, "uninstalling " + a.get(0)));
            case "install":
                expect(a, 1, "gcommon install FILE.jar | mvn:GROUP/ARTIFACT/VERSION | URL | NAME");
                return install(call, client, a.get(0));
            case "update":
                expect(a, 2, "gcommon update NAME FILE.jar | mvn:GROUP/ARTIFACT/VERSION | URL");
                err.println("Updating " + a.get(0) + " from " + a.get(1) + "; the new version must become HEALTHY, "
                        + "or the previous one is put back");
                return result(call, client.change("POST", pluginPath(a.get(0), "update"), jarOrSource(client, a.get(1)),
                        "waiting for the update of " + a.get(0) + " and its health gate"));
            case "config":
                return config(call, client);
            case "grant":
                return grant(call, client);
            case "limits":
                return limits(call, client);
            case "search":
                if (a.size() > 1) {
                    throw new UsageException("gcommon search takes at most one TEXT, got " + a.size()
                            + " arguments: quote a text with spaces");
                }
                return show(call, client.get("/api/repository/plugins" + (a.isEmpty() ? "" : "?q=" + query(a.get(0)))),
                        body -> out.print(searchTable(body.path("plugins"))));
            case "upgrade":
                expect(a, 1, "gcommon upgrade NAME");
                err.println("Upgrading " + a.get(0) + " from the configured repositories; the new version must become "
                        + "HEALTHY, or the previous one is put back");
                return repositoryReport(call, client.change("POST", "/api/repository/upgrade",
                        client.json(Map.of("name", a.get(0))), "resolving and upgrading " + a.get(0)));
            default:
                throw new UsageException("unknown command '" + call.command() + "'");
        }
    }

    private int install(Invocation call, AdminClient client, String what) throws ClientException, UsageException {
        if (isSourceOrFile(what)) {
            err.println("Installing " + what);
            AdminClient.Body body = jarOrSource(client, what);
            String path = "/api/plugins" + (isLocalJar(what) ? "?file=" + query(Path.of(what).getFileName().toString()) : "");
            return result(call, client.change("POST", path, body, "installing " + what));
        }
        err.println("Installing " + what + " from the configured repositories");
        return repositoryReport(call, client.change("POST", "/api/repository/install",
                client.json(Map.of("name", what)), "resolving and installing " + what));
    }

    /** Prints a repository install or upgrade: the plan, then each bundle's outcome. */
    private int repositoryReport(Invocation call, AdminClient.Answer answer) {
        if (call.json() || !answer.ok() && answer.body().has("error")) {
            return show(call, answer, body -> { });
        }
        for (JsonNode step : answer.body().path("plan")) {
            out.println("plan: " + AdminClient.text(step, "name") + " " + AdminClient.text(step, "version") + " from "
                    + AdminClient.text(step, "source"));
        }
        int exit = answer.ok() ? Main.EXIT_OK : ClientException.EXIT_REFUSED;
        for (JsonNode result : answer.body().path("results")) {
            printResult(result);
            String outcome = AdminClient.text(result, "outcome");
            if (outcome.equals("REJECTED") || outcome.equals("FAILED") || outcome.equals("ROLLED_BACK")) {
                exit = ClientException.EXIT_REFUSED;
            }
        }
        return exit;
    }

    private int config(Invocation call, AdminClient client) throws ClientException, UsageException {
        List<String> a = call.args();
        if (a.isEmpty()) {
            throw new UsageException("gcommon config NAME [KEY=VALUE ...]: give the plugin's name");
        }
        String path = pluginPath(a.get(0), "config");
        if (a.size() == 1 && !call.flags().contains("replace")) {
            return show(call, client.get(path), body -> printMap(body.path("configuration")));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        if (!call.flags().contains("replace")) {
            AdminClient.Answer current = client.get(path);
            if (!current.ok()) {
                return show(call, current, body -> { });
            }
            current.body().path("configuration").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue()));
        }
        for (String pair : a.subList(1, a.size())) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("'" + pair + "' is not KEY=VALUE: write e.g. maxEntries=1000");
            }
            config.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return show(call, client.change("PUT", path, client.json(config), null),
                body -> printMap(body.path("configuration")));
    }

    private int grant(Invocation call, AdminClient client) throws ClientException, UsageException {
        List<String> a = call.args();
        if (a.isEmpty()) {
            throw new UsageException("gcommon grant NAME [PERMISSION ...]: give the plugin's name");
        }
        String path = pluginPath(a.get(0), "grants");
        if (a.size() == 1 && !call.flags().contains("clear")) {
            return show(call, client.get(path), this::printPermissions);
        }
        return show(call, client.change("PUT", path, client.json(Map.of("permissions", a.subList(1, a.size()))), null),
                this::printPermissions);
    }

    private int limits(Invocation call, AdminClient client) throws ClientException, UsageException {
        List<String> a = call.args();
        if (a.isEmpty()) {
            throw new UsageException("gcommon limits NAME [LIMIT=N ...]: give the plugin's name");
        }
        String path = pluginPath(a.get(0), "limits");
        if (a.size() == 1 && !call.flags().contains("clear")) {
            return show(call, client.get(path), body -> printMap(body.path("limits")));
        }
        Map<String, Long> limits = new LinkedHashMap<>();
        for (String pair : a.subList(1, a.size())) {
            int eq = pair.indexOf('=');
            try {
                limits.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
            } catch (RuntimeException e) {
                throw new UsageException("'" + pair + "' is not LIMIT=N: write e.g. threads.max=16");
            }
        }
        return show(call, client.change("PUT", path, client.json(Map.of("limits", limits)), null),
                body -> printMap(body.path("limits")));
    }

    private AdminClient.Body jarOrSource(AdminClient client, String what) throws UsageException {
        if (isLocalJar(what)) {
            Path jar = Path.of(what);
            if (!Files.isRegularFile(jar)) {
                throw new UsageException(what + ": no such file: give the path of a plugin jar");
            }
            try {
                return new AdminClient.Body(HttpRequest.BodyPublishers.ofFile(jar), "application/java-archive");
            } catch (IOException e) {
                throw new UsageException(what + ": cannot read it (" + e.getMessage() + ")");
            }
        }
        return client.json(Map.of("source", what));
    }

    /** Prints a management result; exit 0 only when it did what was asked. */
    private int result(Invocation call, AdminClient.Answer answer) {
        if (call.json() || answer.body().has("error")) {
            return show(call, answer, body -> { });
        }
        printResult(answer.body());
        String outcome = AdminClient.text(answer.body(), "outcome");
        return answer.ok() && !outcome.equals("REJECTED") && !outcome.equals("FAILED") && !outcome.equals("ROLLED_BACK")
                ? Main.EXIT_OK : ClientException.EXIT_REFUSED;
    }

    private void printResult(JsonNode result) {
        out.println(AdminClient.text(result, "name") + " " + AdminClient.text(result, "version") + ": "
                + AdminClient.text(result, "outcome") + " (state " + AdminClient.text(result, "state") + ")");
        for (JsonNode message : result.path("messages")) {
            out.println("  " + message.asText());
        }
    }

    /** Prints the body (or the error with its fix) and turns the status into the exit code. */
    private int show(Invocation call, AdminClient.Answer answer, Printer printer, int... alsoOk) {
        boolean ok = answer.ok() || java.util.Arrays.stream(alsoOk).anyMatch(s -> s == answer.status());
        if (call.json()) {
            out.println(answer.body().toPrettyString());
        } else if (answer.body().has("error")) {
            err.println("gcommon " + call.command() + ": " + AdminClient.text(answer.body(), "error")
                    + (answer.body().hasNonNull("fix") ? " — " + AdminClient.text(answer.body(), "fix") : "")
                    + " (HTTP " + answer.status() + ")");
        } else {
            printer.print(answer.body());
        }
        return ok ? Main.EXIT_OK : ClientException.EXIT_REFUSED;
    }

    @FunctionalInterface
    private interface Printer {
        void print(JsonNode body);
    }

    static String pluginTable(JsonNode plugins) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] { "NAME", "VERSION", "TYPE", "STATE", "HEALTH", "BUNDLE" });
        for (JsonNode p : plugins) {
            long bundle = p.path("bundleId").asLong(-1);
            rows.add(new String[] { AdminClient.text(p, "name"), AdminClient.text(p, "version"), AdminClient.text(p, "type"),
                    AdminClient.text(p, "state"), AdminClient.text(p.path("health"), "status"),
                    bundle < 0 ? "-" : Long.toString(bundle) });
        }
        return table(rows);
    }

    private static String searchTable(JsonNode plugins) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] { "NAME", "VERSION", "TYPE", "DESCRIPTION" });
        for (JsonNode p : plugins) {
            rows.add(new String[] { AdminClient.text(p, "name"), AdminClient.text(p, "version"), AdminClient.text(p, "type"),
                    AdminClient.text(p, "description") });
        }
        return table(rows);
    }

    private void printHealth(JsonNode body) {
        out.println("status: " + AdminClient.text(body, "status"));
        body.path("runtimeProblems").forEach(p -> out.println("runtime: " + p.asText()));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] { "PLUGIN", "STATE", "HEALTH", "MESSAGE" });
        for (JsonNode p : body.path("plugins")) {
            rows.add(new String[] { AdminClient.text(p, "name"), AdminClient.text(p, "state"),
                    AdminClient.text(p.path("health"), "status"), AdminClient.text(p.path("health"), "message") });
        }
        out.print(table(rows));
    }

    private void printEvents(JsonNode body) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] { "TIME", "PLUGIN", "EVENT", "MESSAGE" });
        for (JsonNode e : body.path("events")) {
            rows.add(new String[] { AdminClient.text(e, "time"), AdminClient.text(e, "plugin"), AdminClient.text(e, "kind"),
                    AdminClient.text(e, "message") });
        }
        out.print(table(rows));
    }

    private void printInfo(JsonNode p) {
        for (String field : List.of("name", "version", "type", "state", "stateSince", "symbolicName", "bundleId", "location",
                "providerType", "lastError")) {
            if (p.hasNonNull(field)) {
                out.printf("%-12s %s%n", field, p.get(field).asText());
            }
        }
        out.printf("%-12s %s %s%n", "health", AdminClient.text(p.path("health"), "status"),
                AdminClient.text(p.path("health"), "message"));
        p.path("reasons").forEach(r -> out.printf("%-12s %s%n", "reason", r.asText()));
        JsonNode perms = p.path("permissions");
        if (perms.has("enforcement")) {
            out.printf("%-12s %s%n", "sandbox", AdminClient.text(perms, "enforcement"));
        }
        perms.path("declared").forEach(d -> out.printf("%-12s %s%n", "declared", d.asText()));
        perms.path("granted").forEach(d -> out.printf("%-12s %s%n", "granted", d.asText()));
        p.path("limits").fields().forEachRemaining(e -> out.printf("%-12s %s = %s%n", "limit", e.getKey(), e.getValue()));
        for (JsonNode d : p.path("denials")) {
            out.printf("%-12s %s ×%s%n%-12s %s%n", "denied", AdminClient.text(d, "permission"), AdminClient.text(d, "count"),
                    "  fix", AdminClient.text(d, "fix"));
        }
        if (p.hasNonNull("lastUpdate")) {
            out.printf("%-12s %s%n", "last update", p.get("lastUpdate"));
        }
    }

    private void printPermissions(JsonNode body) {
        if (body.path("permissions").isEmpty()) {
            out.println("(no permissions granted to " + AdminClient.text(body, "name") + ")");
        }
        body.path("permissions").forEach(p -> out.println(p.asText()));
    }

    private void printMap(JsonNode object) {
        if (object.isEmpty()) {
            out.println("(none)");
        }
        object.fields().forEachRemaining(e -> out.println(e.getKey() + " = "
                + (e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString())));
    }

    private Invocation parse(String command, List<String> args) throws UsageException {
        List<String> positional = new ArrayList<>();
        Path home = distDir;
        Integer port = null;
        boolean json = false;
        Duration timeout = DEFAULT_TIMEOUT;
        Set<String> flags = new java.util.HashSet<>();
        Iterator<String> it = args.iterator();
        while (it.hasNext()) {
            String arg = it.next();
            switch (arg) {
                case "--home" -> home = Path.of(value(it, "--home", "DIR")).toAbsolutePath().normalize();
                case "--port" -> port = StartOptions.parsePort(value(it, "--port", "N"), "--port");
                case "--json" -> json = true;
                case "--replace", "--clear" -> flags.add(arg.substring(2));
                case "--limit" -> flags.add("limit=" + value(it, "--limit", "N"));
                case "--timeout" -> {
                    String v = value(it, "--timeout", "SECONDS");
                    try {
                        timeout = Duration.ofSeconds(Long.parseLong(v));
                    } catch (NumberFormatException e) {
                        throw new UsageException("--timeout '" + v + "': not a number of seconds, e.g. --timeout 600");
                    }
                    if (timeout.isNegative() || timeout.isZero()) {
                        throw new UsageException("--timeout '" + v + "': give a positive number of seconds");
                    }
                }
                default -> {
                    if (arg.startsWith("--")) {
                        throw new UsageException("unknown option '" + arg + "' for gcommon " + command + ": use "
                                + System.lineSeparator() + USAGE);
                    }
                    positional.add(arg);
                }
            }
        }
        return new Invocation(command, positional, home, port, json, timeout, flags);
    }

    private static String value(Iterator<String> it, String option, String placeholder) throws UsageException {
        if (!it.hasNext()) {
            throw new UsageException(option + " needs a value: " + option + " " + placeholder);
        }
        return it.next();
    }

    private static void expect(List<String> args, int count, String usage) throws UsageException {
        if (args.size() != count) {
            throw new UsageException("wrong number of arguments (" + args.size() + "): use " + usage);
        }
    }

    /**
     * {@code gcommon start NAME} is the client's start of a plugin; {@code gcommon start} with options
     * only starts the container.
     *
     * @param args the arguments after {@code start}
     * @return whether one of them is a plugin name rather than an option or an option's value
     */
    static boolean namesAPlugin(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (VALUED_OPTIONS.contains(arg)) {
                i++;
            } else if (!arg.startsWith("-")) {
                return true;
            }
        }
        return false;
    }

    static boolean isSourceOrFile(String what) {
        return isLocalJar(what) || what.contains(":");
    }

    private static boolean isLocalJar(String what) {
        return what.endsWith(".jar") && !what.contains(":");
    }

    static String pluginPath(String name, String part) {
        return "/api/plugins/" + segment(name) + (part == null ? "" : "/" + part);
    }

    /** A path segment: everything but unreserved characters percent-encoded (a space is %20, not +). */
    static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String query(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String table(List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                sb.append(i == columns - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }
}
