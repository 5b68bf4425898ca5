package dev.switchboard.testing;

import java.util.concurrent.TimeUnit;

/** Polls a condition that becomes true eventually (Kafka, a server), failing with what was awaited after 60 s. */
public final class Await {

    /** A condition that may do I/O to find out (read a topic, call an endpoint). */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private Await() {
    }

    public static void until(Condition condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
