package org.gcommon.plugin.security.limits;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resource limits from {@code etc/org.gcommon.plugin.security.limits.cfg}: defaults for every plugin
 * ({@code threads.max = 64}) and overrides per plugin ({@code com.acme.crawler.threads.max = 200}).
 */
final class LimitSettings {

    static final String THREADS_MAX = "threads.max";
    static final String CPU_PERCENT_MAX = "cpu.percent.max";
    static final String CPU_WINDOW_SECONDS = "cpu.window.seconds";
    static final List<String> KEYS = List.of(THREADS_MAX, CPU_PERCENT_MAX, CPU_WINDOW_SECONDS);

    /** Limits of one plugin. */
    record Limits(int threadsMax, int cpuPercentMax, int cpuWindowSeconds) {
    }

    static final Limits DEFAULTS = new Limits(64, 90, 10);

    private final Limits defaults;
    private final Map<String, Map<String, Integer>> overrides;
    private final List<String> problems;

    private LimitSettings(Limits defaults, Map<String, Map<String, Integer>> overrides, List<String> problems) {
        this.defaults = defaults;
        this.overrides = overrides;
        this.problems = problems;
    }

    static LimitSettings from(Map<String, Object> config) {
        Map<String, Integer> base = new HashMap<>();
        Map<String, Map<String, Integer>> perPlugin = new HashMap<>();
        List<String> problems = new java.util.ArrayList<>();
        for (Map.Entry<String, Object> e : config.entrySet()) {
            String key = e.getKey();
            String limit = KEYS.stream().filter(k -> key.equals(k) || key.endsWith("." + k)).findFirst().orElse(null);
            if (limit == null) {
                continue;
            }
            int value;
            try {
                value = Integer.parseInt(String.valueOf(e.getValue()).trim());
                if (value < 1) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException ex) {
                problems.add("etc/org.gcommon.plugin.security.limits.cfg: " + key + "=" + e.getValue()
                        + " is not a positive whole number; the default stays (e.g. " + limit + " = 10)");
                continue;
            }
            if (key.equals(limit)) {
                base.put(limit, value);
            } else {
                String bsn = key.substring(0, key.length() - limit.length() - 1);
                perPlugin.computeIfAbsent(bsn, b -> new HashMap<>()).put(limit, value);
            }
        }
        Limits defaults = merge(DEFAULTS, base);
        return new LimitSettings(defaults, perPlugin, List.copyOf(problems));
    }

    Limits of(String symbolicName) {
        Map<String, Integer> own = overrides.get(symbolicName);
        return own == null ? defaults : merge(defaults, own);
    }

    List<String> problems() {
        return problems;
    }

    private static Limits merge(Limits base, Map<String, Integer> values) {
        return new Limits(values.getOrDefault(THREADS_MAX, base.threadsMax()),
                values.getOrDefault(CPU_PERCENT_MAX, base.cpuPercentMax()),
                values.getOrDefault(CPU_WINDOW_SECONDS, base.cpuWindowSeconds()));
    }
}
