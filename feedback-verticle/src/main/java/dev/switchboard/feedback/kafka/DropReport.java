package dev.switchboard.feedback.kafka;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the operator that events are being dropped without flooding the log: the first drop of a quiet period is
 * logged at once, later ones are counted and logged together at most once per interval ({@code kafka_events_dropped}
 * with {@code count}, the drops since the last line, and {@code buffer_capacity}).
 */
final class DropReport {

    private static final Logger LOGGER = LoggerFactory.getLogger(EventLog.class);

    private final long intervalNanos;
    private final int capacity;
    private final AtomicLong unreported = new AtomicLong();
    private long lastLineNanos;
    private boolean anyLine;

    DropReport(Duration interval, int capacity) {
        this.intervalNanos = interval.toNanos();
        this.capacity = capacity;
    }

    /** One event dropped. */
    void dropped() {
        unreported.incrementAndGet();
        flushIfDue();
    }

    /** Logs the drops counted so far if the interval since the last line has passed. */
    void flushIfDue() {
        if (unreported.get() == 0) {
            return; // the sender thread asks on every record: no lock while nothing was dropped
        }
        synchronized (this) {
            if (!anyLine || System.nanoTime() - lastLineNanos >= intervalNanos) {
                flush();
            }
        }
    }

    /** Logs the drops counted so far, if any, now. */
    synchronized void flush() {
        long count = unreported.getAndSet(0);
        if (count == 0) {
            return;
        }
        anyLine = true;
        lastLineNanos = System.nanoTime();
        LOGGER.atWarn().setMessage("kafka_events_dropped").addKeyValue("count", count)
                .addKeyValue("buffer_capacity", capacity).log();
    }
}
