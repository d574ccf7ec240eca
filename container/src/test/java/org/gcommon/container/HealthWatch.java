package org.gcommon.container;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asks {@code GET /health} at a steady pace in the background and keeps every answer that was not a
 * 200 within the allowed time: "the container stays healthy throughout" as a user polling it sees it.
 */
public final class HealthWatch implements AutoCloseable {

    private final ContainerHttp http;
    private final Duration allowed;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "health-watch");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger answers = new AtomicInteger();
    private final List<String> problems = new ArrayList<>();

    private HealthWatch(ContainerHttp http, Duration allowed) {
        this.http = http;
        this.allowed = allowed;
    }

    /**
     * @param http    the container
     * @param every   how often to ask
     * @param allowed how long an answer may take
     * @return the running watch
     */
    public static HealthWatch start(ContainerHttp http, Duration every, Duration allowed) {
        HealthWatch watch = new HealthWatch(http, allowed);
        watch.scheduler.scheduleWithFixedDelay(watch::askOnce, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return watch;
    }

    private void askOnce() {
        long started = System.nanoTime();
        String problem;
        try {
            ContainerHttp.Response response = http.get("/health");
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            problem = response.status() != 200 ? "answered " + response.status() + ": " + response.text()
                    : millis > allowed.toMillis() ? "answered 200 after " + millis + " ms" : null;
        } catch (Exception e) {
            problem = "no answer: " + e;
        }
        answers.incrementAndGet();
        if (problem != null) {
            synchronized (problems) {
                problems.add(Instant.now() + " GET /health " + problem);
            }
        }
    }

    /** @return how many times {@code /health} was asked so far */
    public int answers() {
        return answers.get();
    }

    /** @return every answer that was not a timely 200 */
    public List<String> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
