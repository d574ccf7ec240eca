package org.gcommon.plugin.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A few threads that make the same call over and over, as the users of a busy service would, while a
 * test changes what stands behind it. Each caller stops when told to or after a fixed number of calls,
 * so a run is always bounded. Every answer is counted (by its text) and every exception or assertion
 * error thrown by a call is kept as a failure; the callers keep going after a failure.
 */
final class ConcurrentCallers implements AutoCloseable {

    /** Failures kept in full for the assertion message; the rest are only counted. */
    private static final int FAILURES_KEPT = 20;

    private final String name;
    private final long maxCallsEach;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicLong failureCount = new AtomicLong();
    private final AtomicLongArray calls;
    private final AtomicReferenceArray<String> lastAnswers;

    private ConcurrentCallers(String name, int callers, long maxCallsEach) {
        this.name = name;
        this.maxCallsEach = maxCallsEach;
        this.calls = new AtomicLongArray(callers);
        this.lastAnswers = new AtomicReferenceArray<>(callers);
    }

    /**
     * @param name what the callers call, for thread names and messages
     * @param callers how many threads
     * @param maxCallsEach the most calls a thread makes before it stops by itself
     * @param call the call; what it returns is counted by its {@code String.valueOf}
     * @return the running callers
     */
    static ConcurrentCallers start(String name, int callers, long maxCallsEach, Callable<?> call) {
        Objects.requireNonNull(call, "call");
        ConcurrentCallers running = new ConcurrentCallers(name, callers, maxCallsEach);
        for (int i = 0; i < callers; i++) {
            int caller = i;
            Thread thread = new Thread(() -> running.run(caller, call), "itest-" + name + "-caller-" + i);
            thread.setDaemon(true);
            running.threads.add(thread);
        }
        running.threads.forEach(Thread::start);
        return running;
    }

    private void run(int caller, Callable<?> call) {
        for (long n = 0; n < maxCallsEach && !stop.get(); n++) {
            try {
                String answer = String.valueOf(call.call());
                answers.computeIfAbsent(answer, a -> new LongAdder()).increment();
                lastAnswers.set(caller, answer);
            } catch (Throwable e) {
                if (failureCount.incrementAndGet() <= FAILURES_KEPT) {
                    failures.add("call " + n + " of caller " + caller + ": " + e);
                }
            }
            calls.incrementAndGet(caller);
        }
    }

    /** Waits until the latest answer of every caller is the given one: all of them have got there. */
    void awaitEveryCallerAnswered(String answer) {
        GcommonTestSupport.eventually().untilAsserted(() -> {
            for (int i = 0; i < threads.size(); i++) {
                assertThat(lastAnswers.get(i)).as("latest answer of %s caller %d (%d calls so far, stops after %d; "
                        + "answers of all callers: %s)", name, i, calls.get(i), maxCallsEach, answers())
                        .isEqualTo(answer);
            }
        });
    }

    /** Tells the callers to stop and waits for them; fails if one does not stop. */
    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(10).toMillis());
            assertThat(thread.isAlive()).as("%s still running after being told to stop", thread.getName()).isFalse();
        }
    }

    /** @return how often each answer came, sorted by answer */
    Map<String, Long> answers() {
        Map<String, Long> out = new TreeMap<>();
        answers.forEach((answer, count) -> out.put(answer, count.sum()));
        return out;
    }

    /** @return the calls of every caller together */
    long calls() {
        long total = 0;
        for (int i = 0; i < calls.length(); i++) {
            total += calls.get(i);
        }
        return total;
    }

    /** @return the calls of each caller */
    List<Long> callsPerCaller() {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < calls.length(); i++) {
            out.add(calls.get(i));
        }
        return out;
    }

    /** @return how many calls failed */
    long failureCount() {
        return failureCount.get();
    }

    /** @return the first failures, each naming the caller and the call */
    List<String> failures() {
        return List.copyOf(failures);
    }
}
