package org.gcommon.plugin.sample.webhook;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.PluginLogger;
import org.gcommon.plugin.api.integration.CircuitBreaker;
import org.gcommon.plugin.api.integration.OpenCircuitException;

/**
 * Delivers queued events one by one, in order, on a thread of its own, and keeps what health needs to
 * know about the remote side.
 *
 * <p>An event that cannot be delivered is not given up: it is tried again through the circuit breaker,
 * which retries with backoff, then opens after a run of failures; while it is open the thread waits
 * for the breaker's next trial. So an outage holds the events (up to the queue's size, oldest dropped
 * first) and delivers them once the remote is back. Only an event the remote refuses (a 4xx answer) is
 * given up at once, since asking again would get the same answer.
 */
final class WebhookDelivery implements Runnable {

    /** The outcome of the last finished delivery. */
    private enum Outcome {
        NONE, DELIVERED, REFUSED
    }

    private final String url;
    private final CircuitBreaker breaker;
    private final WebhookSender sender;
    private final DropOldestQueue<EventJson.Fields> queue;
    private final Consumer<Map<String, Object>> onDelivered;
    private final PluginLogger log;
    private final Thread thread;
    private final LongAdder delivered = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private volatile boolean running = true;
    private volatile boolean retrying;
    private volatile Outcome last = Outcome.NONE;
    private volatile String lastError;

    /**
     * @param config the settings (URL, queue size)
     * @param breaker the breaker every post goes through
     * @param sender posts one event
     * @param onDelivered told about each delivered event, e.g. to publish it on the event bus
     * @param log the plugin's logger
     */
    WebhookDelivery(WebhookConfig config, CircuitBreaker breaker, WebhookSender sender,
            Consumer<Map<String, Object>> onDelivered, PluginLogger log) {
        this.url = config.url().toString();
        this.breaker = breaker;
        this.sender = sender;
        this.queue = new DropOldestQueue<>(config.queueSize());
        this.onDelivered = onDelivered;
        this.log = log;
        this.thread = new Thread(this, "gcommon-webhook-delivery");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues an event; never blocks (called on the event bus's threads). */
    void offer(EventJson.Fields event) {
        queue.add(event);
    }

    /**
     * Stops the thread, waiting at most the given time for a post in progress to end.
     *
     * @return how many queued events were not delivered
     */
    int stop(Duration wait) throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(Math.max(1, wait.toMillis()));
        return queue.clear();
    }

    /** @return whether the delivery thread still runs */
    boolean isAlive() {
        return thread.isAlive();
    }

    @Override
    public void run() {
        try {
            while (running) {
                deliver(queue.take());
            }
        } catch (InterruptedException e) {
            // stop() asked us to end
        }
    }

    private void deliver(EventJson.Fields event) throws InterruptedException {
        String json = event.toJson();
        while (running) {
            try {
                int status = breaker.call(() -> attempt(json));
                if (retrying) {
                    retrying = false;
                    log.info("Webhook {} answers again", url);
                }
                if (status / 100 == 2) {
                    delivered.increment();
                    last = Outcome.DELIVERED;
                    lastError = null;
                    announce(event, status);
                } else {
                    refused.increment();
                    last = Outcome.REFUSED;
                    lastError = "HTTP " + status + " from " + url + ": the event was refused and is not sent again";
                    log.warn("Webhook {} refused the event {}: HTTP {}", url, json, status);
                }
                return;
            } catch (OpenCircuitException e) {
                Thread.sleep(Math.max(10, breaker.retryIn().toMillis()));
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                // The breaker retried and gave up on this call; the event stays, and the breaker decides
                // (by opening) when to stop asking the remote for a while.
            }
        }
    }

    private int attempt(String json) throws Exception {
        try {
            return sender.post(json);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // so the breaker's backoff ends at once too
            throw e;
        } catch (Exception e) {
            failed.increment();
            lastError = describe(e);
            if (!retrying) {
                retrying = true;
                log.warn("Webhook {} failed: {}; retrying", url, lastError);
            }
            throw e;
        }
    }

    private void announce(EventJson.Fields event, int status) {
        Map<String, Object> payload = new LinkedHashMap<>();
        if (event.plugin() != null) {
            payload.put("plugin", event.plugin());
        }
        if (event.state() != null) {
            payload.put("state", event.state());
        }
        payload.put("topic", event.topic());
        payload.put("status", status);
        payload.put("url", url);
        try {
            onDelivered.accept(Map.copyOf(payload));
        } catch (RuntimeException e) {
            // Announcing is a courtesy: no event admin, or the bus closing while we stop, must not stop deliveries.
            log.debug("Could not publish the delivery of {}: {}", event.topic(), e.toString());
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        if (e instanceof WebhookSender.RemoteUnavailable) {
            return message;
        }
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    /** @return the remote side as last seen; never calls the remote */
    HealthStatus health() {
        CircuitBreaker.State state = breaker.state();
        String error = lastError;
        HealthStatus status;
        if (state == CircuitBreaker.State.OPEN) {
            status = HealthStatus.unhealthy("Webhook " + url + " does not answer: circuit breaker open after "
                    + breaker.failures() + " failed deliveries, next try in " + breaker.retryIn().toSeconds()
                    + " s; last error: " + error);
        } else if (state == CircuitBreaker.State.HALF_OPEN) {
            status = HealthStatus.unhealthy("Webhook " + url + " does not answer: circuit breaker half-open, the "
                    + "next delivery is a trial; last error: " + error);
        } else if (retrying) {
            status = HealthStatus.degraded("Webhook " + url + ": retrying a delivery; last error: " + error);
        } else if (last == Outcome.REFUSED) {
            status = HealthStatus.degraded("Webhook " + url + " refused the last event: " + error);
        } else if (last == Outcome.DELIVERED) {
            status = HealthStatus.healthy("Webhook " + url + ": last delivery succeeded");
        } else {
            status = HealthStatus.healthy("Webhook " + url + ": nothing to send yet");
        }
        status = status.withDetail("delivered", delivered.sum())
                .withDetail("failed", failed.sum())
                .withDetail("refused", refused.sum())
                .withDetail("dropped", queue.dropped())
                .withDetail("queued", queue.size())
                .withDetail("breaker", state.name());
        return error == null ? status : status.withDetail("lastError", error);
    }
}
