package io.jenkins.plugins.grayrelease.core.rollout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock over backfilled data: every reading is {@code step} later than the one before, so an
 * analysis measuring every few milliseconds walks through minutes of recorded traffic.
 */
final class TickingClock extends Clock {
    private final Instant start;
    private final Duration step;
    private final AtomicLong readings = new AtomicLong();

    TickingClock(Instant start, Duration step) {
        this.start = start;
        this.step = step;
    }

    @Override
    public Instant instant() {
        return start.plus(step.multipliedBy(readings.getAndIncrement()));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }
}
