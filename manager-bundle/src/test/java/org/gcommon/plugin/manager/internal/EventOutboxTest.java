package org.gcommon.plugin.manager.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

class EventOutboxTest {

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final CountDownLatch subscribersBusy = new CountDownLatch(1);
    private final List<Object> delivered = new CopyOnWriteArrayList<>();

    /** Delivers synchronously, as EventAdmin's sendEvent does, while the subscribers are busy holding it up. */
    private final EventAdmin slowSubscribers = new EventAdmin() {
        @Override
        public void sendEvent(Event event) {
            try {
                subscribersBusy.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            delivered.add(event.getProperty("n"));
        }

        @Override
        public void postEvent(Event event) {
            throw new AssertionError("the outbox delivers itself, in order, with sendEvent");
        }
    };

    @AfterEach
    void stopPool() {
        subscribersBusy.countDown();
        pool.shutdownNow();
    }

    @Test
    void refusesEventsOverTheBoundNamingPluginAndBoundThenTakesThemAgainOnceDelivered() {
        EventOutbox outbox = new EventOutbox("chatty", pool, 3);
        for (int n = 0; n < 3; n++) {
            outbox.post(event(n), slowSubscribers);
        }

        assertThatThrownBy(() -> outbox.post(event(3), slowSubscribers)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Plugin 'chatty' publishes faster than its subscribers take events")
                .hasMessageContaining("3 of its events wait").hasMessageContaining("gcommon/plugin/chatty/tick")
                .hasMessageContaining("1 refused so far");
        assertThat(outbox.waiting()).isEqualTo(3);

        subscribersBusy.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> outbox.waiting() == 0);
        outbox.post(event(4), slowSubscribers);
        await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 4);
        assertThat(delivered).as("in the order published, the refused one missing").containsExactly(0, 1, 2, 4);
    }

    private static Event event(int n) {
        return new Event("gcommon/plugin/chatty/tick", Map.of("n", n));
    }
}
