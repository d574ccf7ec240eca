package org.gcommon.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives one URL on the loopback address from a few client threads at a paced rate, and records every
 * request's latency and every failure (a status other than the expected one, or no answer) under the
 * phase that was current when it was sent. Bounded: it stops by itself after {@code maxDuration}.
 */
final class LoadGenerator implements AutoCloseable {

    /** Latencies and failures of one phase. */
    static final class Phase {
        private final String name;
        private final List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

        Phase(String name) {
            this.name = name;
        }

        long requests() {
            return micros.size() + failures.size();
        }

        List<String> failures() {
            synchronized (failures) {
                return List.copyOf(failures);
            }
        }

        /** @return the latency at {@code percentile} (0–100) in milliseconds, over the answered requests */
        double percentileMillis(double percentile) {
            long[] sorted;
            synchronized (micros) {
                sorted = micros.stream().mapToLong(Long::longValue).toArray();
            }
            if (sorted.length == 0) {
                return Double.NaN;
            }
            Arrays.sort(sorted);
            int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
        }

        @Override
        public String toString() {
            return String.format("%-6s requests=%d failures=%d p50=%.2f ms p99=%.2f ms max=%.2f ms", name, requests(),
                    failures.size(), percentileMillis(50), percentileMillis(99), percentileMillis(100));
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final URI uri;
    private final int expectedStatus;
    private final long pauseNanos;
    private final Map<String, Phase> phases = new LinkedHashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private final CountDownLatch ended;
    private final long deadlineNanos;
    private final AtomicLong sent = new AtomicLong();
    private volatile Phase current;
    private volatile String requiredHeader;
    private volatile boolean stopped;

    /**
     * @param uri              what to ask, on 127.0.0.1
     * @param expectedStatus   the status a good answer has
     * @param clients          client threads
     * @param perClientPerSecond requests each client sends a second, at most
     * @param maxDuration      when it stops by itself
     */
    LoadGenerator(URI uri, int expectedStatus, int clients, int perClientPerSecond, Duration maxDuration) {
        if (!uri.getHost().equals("127.0.0.1")) {
            throw new IllegalArgumentException("load goes to the loopback address only, not to " + uri);
        }
        this.uri = uri;
        this.expectedStatus = expectedStatus;
        this.pauseNanos = TimeUnit.SECONDS.toNanos(1) / perClientPerSecond;
        this.ended = new CountDownLatch(clients);
        this.deadlineNanos = System.nanoTime() + maxDuration.toNanos();
        for (int i = 0; i < clients; i++) {
            Thread worker = new Thread(this::run, "load-" + i);
            worker.setDaemon(true);
            workers.add(worker);
        }
    }

    /** Counts an answer without this header as a failure too. */
    LoadGenerator requireHeader(String name) {
        this.requiredHeader = name;
        return this;
    }

    /** Starts sending, recording under {@code phase}. */
    LoadGenerator start(String phase) {
        phase(phase);
        workers.forEach(Thread::start);
        return this;
    }

    /** Records what is sent from now on under a new phase. */
    synchronized Phase phase(String name) {
        Phase phase = new Phase(name);
        phases.put(name, phase);
        current = phase;
        return phase;
    }

    synchronized Phase get(String name) {
        return phases.get(name);
    }

    synchronized List<Phase> phases() {
        return List.copyOf(phases.values());
    }

    long sent() {
        return sent.get();
    }

    private void run() {
        try {
            long next = System.nanoTime();
            while (!stopped && System.nanoTime() < deadlineNanos) {
                Phase phase = current;
                long started = System.nanoTime();
                sent.incrementAndGet();
                try {
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                            .header("X-Load", phase.name).GET().build(), HttpResponse.BodyHandlers.ofString());
                    long micros = (System.nanoTime() - started) / 1000;
                    String header = requiredHeader;
                    if (header != null && response.headers().firstValue(header).isEmpty()) {
                        phase.failures.add("answered " + response.statusCode() + " without " + header + " after "
                                + micros / 1000 + " ms: " + abbreviate(response.body()));
                    } else if (response.statusCode() == expectedStatus) {
                        phase.micros.add(micros);
                    } else {
                        phase.failures.add("answered " + response.statusCode() + " after " + micros / 1000 + " ms: "
                                + abbreviate(response.body()));
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    phase.failures.add("no answer: " + e);
                }
                next += pauseNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                } else {
                    next = System.nanoTime();
                }
            }
        } finally {
            ended.countDown();
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        if (!ended.await(30, TimeUnit.SECONDS)) {
            workers.forEach(Thread::interrupt);
        }
    }
}
