package org.gcommon.plugin.sample.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.gcommon.plugin.api.PluginConstants;
import org.gcommon.plugin.api.PluginException;
import org.gcommon.plugin.api.integration.Resilience;

/**
 * The plugin's settings, read from {@code etc/webhook.cfg}. Values may be strings (from a {@code .cfg}
 * file) or numbers and lists (from a {@code .json} file).
 *
 * @param url where events are posted
 * @param timeout connect and response timeout of one request
 * @param topics the event topics forwarded
 * @param queueSize events kept while the remote is slow or down; the oldest go first when full
 * @param retry retries and circuit breaker
 */
record WebhookConfig(URI url, Duration timeout, List<String> topics, int queueSize, Resilience.Settings retry) {

    static final String URL = "url";
    static final String TIMEOUT_MS = "timeout.ms";
    static final String TOPICS = "topics";
    static final String QUEUE_SIZE = "queue.size";
    static final String RETRY_ATTEMPTS = "retry.attempts";
    static final String RETRY_BACKOFF_MS = "retry.backoff.ms";
    static final String BREAKER_FAILURES = "breaker.failures";
    static final String BREAKER_OPEN_MS = "breaker.open.ms";

    /** Plugin state changes: every transition of every plugin. */
    static final String DEFAULT_TOPICS = PluginConstants.TOPIC_STATE + "/*";

    private static final Pattern TOPIC_FILTER = Pattern.compile("\\*|[A-Za-z0-9_\\-]+(/[A-Za-z0-9_\\-]+)*(/\\*)?");

    /**
     * @param config the configuration as received by {@code initialize}
     * @return the settings, defaults for absent keys
     * @throws PluginException naming the key, the value and the expected form
     */
    static WebhookConfig from(Map<String, Object> config) throws PluginException {
        URI url = url(config.get(URL));
        Duration timeout = Duration.ofMillis(number(config, TIMEOUT_MS, 2_000, 1, 600_000));
        List<String> topics = topics(config.get(TOPICS));
        int queueSize = (int) number(config, QUEUE_SIZE, 1_000, 1, 1_000_000);
        int attempts = (int) number(config, RETRY_ATTEMPTS, 3, 1, 100);
        long backoff = number(config, RETRY_BACKOFF_MS, 200, 0, 600_000);
        int failures = (int) number(config, BREAKER_FAILURES, 5, 1, 1_000_000);
        long openFor = number(config, BREAKER_OPEN_MS, 30_000, 0, 86_400_000);
        Resilience.Settings retry = new Resilience.Settings(attempts, Duration.ofMillis(backoff),
                Duration.ofMillis(backoff * 10), failures, Duration.ofMillis(openFor));
        return new WebhookConfig(url, timeout, topics, queueSize, retry);
    }

    private static URI url(Object value) throws PluginException {
        String example = " (e.g. " + URL + " = https://hooks.example.com/gcommon)";
        if (value == null || value.toString().isBlank()) {
            throw new PluginException("Configuration key '" + URL + "' of plugin '" + WebhookPlugin.NAME
                    + "' is missing: set the http or https URL to post events to in etc/" + WebhookPlugin.NAME
                    + ".cfg" + example);
        }
        URI url;
        try {
            url = new URI(value.toString().trim());
        } catch (URISyntaxException e) {
            throw invalid(URL, value, "an absolute http or https URL" + example + "; " + e.getReason()
                    + " at index " + e.getIndex());
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid(URL, value, "an absolute http or https URL" + example);
        }
        if (url.getHost() == null) {
            throw invalid(URL, value, "a URL with a host name" + example);
        }
        if (url.getRawUserInfo() != null) {
            throw invalid(URL, "<credentials hidden>", "a URL without user and password: they would show in the "
                    + "plugin's health and logs");
        }
        return url;
    }

    private static List<String> topics(Object value) throws PluginException {
        List<String> topics = new ArrayList<>();
        if (value == null) {
            topics.add(DEFAULT_TOPICS);
        } else if (value instanceof String[] array) {
            topics.addAll(List.of(array));
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(t -> topics.add(String.valueOf(t)));
        } else {
            for (String topic : value.toString().split(",")) {
                topics.add(topic);
            }
        }
        List<String> trimmed = topics.stream().map(String::trim).filter(t -> !t.isEmpty()).toList();
        if (trimmed.isEmpty()) {
            throw invalid(TOPICS, value, "one or more topic filters separated by commas (e.g. " + TOPICS + " = "
                    + DEFAULT_TOPICS + "), or no " + TOPICS + " line for plugin state changes");
        }
        for (String topic : trimmed) {
            if (!TOPIC_FILTER.matcher(topic).matches()) {
                throw invalid(TOPICS, value, "topic filters separated by commas, each a topic such as "
                        + "org/gcommon/plugin/STATE/FAILED or a prefix ending in /* such as " + DEFAULT_TOPICS
                        + " ('" + topic + "' is neither)");
            }
        }
        return trimmed;
    }

    private static long number(Map<String, Object> config, String key, long fallback, long min, long max)
            throws PluginException {
        Object value = config.get(key);
        if (value == null) {
            return fallback;
        }
        long number;
        try {
            number = value instanceof Integer || value instanceof Long ? ((Number) value).longValue()
                    : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            number = min - 1;
        }
        if (number < min || number > max) {
            throw invalid(key, value, "a whole number from " + min + " to " + max + " (e.g. " + key + " = " + fallback
                    + ")");
        }
        return number;
    }

    private static PluginException invalid(String key, Object value, String expected) {
        return new PluginException("Configuration key '" + key + "' of plugin '" + WebhookPlugin.NAME + "' has value '"
                + value + "': expected " + expected + " in etc/" + WebhookPlugin.NAME + ".cfg");
    }
}
