package org.gcommon.sample.cache.memory;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A time source that only moves when the test says so. */
final class ManualClock implements InstantSource {

    private Instant now = Instant.parse("2026-11-25T21:00:00Z");

    @Override
    public Instant instant() {
        return now;
    }

    void advance(Duration duration) {
        now = now.plus(duration);
    }
}
