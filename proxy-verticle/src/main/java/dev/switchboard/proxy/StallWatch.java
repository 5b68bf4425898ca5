package dev.switchboard.proxy;

import io.vertx.core.Vertx;

/**
 * Notices a backend answer that stops half-way: {@code onStall} runs once when no {@link #progress()} came for the
 * idle time. The client's idle timeout on the backend request does not cover an answer already under way in every
 * case (a stream that sent its first chunk and went silent stayed open), so the relay keeps its own watch. One timer
 * at a time, re-armed for what is left of the idle time rather than on every chunk.
 */
final class StallWatch {

    private final Vertx vertx;
    private final long idleNanos;
    private final Runnable onStall;
    private volatile long lastProgress = System.nanoTime();
    private long timer;
    private boolean done;
    /** The relay paused the backend because the client lags: that silence is not the backend's. */
    private volatile boolean held;

    StallWatch(Vertx vertx, long idleMillis, Runnable onStall) {
        this.vertx = vertx;
        this.idleNanos = idleMillis * 1_000_000;
        this.onStall = onStall;
        this.timer = vertx.setTimer(idleMillis, id -> check());
    }

    /** A chunk arrived. */
    void progress() {
        lastProgress = System.nanoTime();
    }

    /** The backend is paused ({@code true}) or resumed: a slow client does not make a stalled backend. */
    void held(boolean paused) {
        held = paused;
        lastProgress = System.nanoTime();
    }

    /** The answer ended, one way or another: no more checks. */
    void stop() {
        done = true;
        vertx.cancelTimer(timer);
    }

    private void check() {
        if (done) {
            return;
        }
        long silent = System.nanoTime() - lastProgress;
        if (silent >= idleNanos && !held) {
            done = true;
            onStall.run();
        } else {
            timer = vertx.setTimer(Math.max(1, (idleNanos - Math.min(silent, idleNanos - 1)) / 1_000_000),
                    id -> check());
        }
    }
}
