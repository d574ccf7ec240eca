package org.gcommon.plugin.sample.webhook;

import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded queue that never blocks or refuses the producer: when full, the oldest element makes room.
 * Events arrive on the event admin's threads, which must not wait for a slow remote; and when something
 * has to go, the newest state of the world is worth more than the oldest.
 *
 * @param <T> the element type
 */
final class DropOldestQueue<T> {

    private final LinkedBlockingDeque<T> deque;
    private final LongAdder dropped = new LongAdder();

    DropOldestQueue(int capacity) {
        this.deque = new LinkedBlockingDeque<>(capacity);
    }

    /** Adds at the end, dropping from the front as long as there is no room. */
    void add(T element) {
        while (!deque.offerLast(element)) {
            if (deque.pollFirst() != null) {
                dropped.increment();
            }
        }
    }

    /** @return the oldest element, waiting for one */
    T take() throws InterruptedException {
        return deque.takeFirst();
    }

    /** Empties the queue. @return how many elements were in it */
    int clear() {
        int n = 0;
        while (deque.pollFirst() != null) {
            n++;
        }
        return n;
    }

    int size() {
        return deque.size();
    }

    long dropped() {
        return dropped.sum();
    }
}
