package dev.switchboard.feedback;

import dev.switchboard.contracts.bus.FeedbackSubmission;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Feedback that arrived before its decision, held for a moment instead of being refused. A client can only send
 * feedback after its answer, but the decision may still be on its way: for a model asked for by name the router
 * records it once the prompt is embedded, after answering, and a decision made by another instance arrives through
 * the decisions topic. Bounded in count; confined to the feedback verticle's event loop (not thread-safe).
 */
final class FeedbackAwaitingDecision {

    private record Waiting(Message<FeedbackSubmission> message, long timer) {
    }

    private final Vertx vertx;
    private final long waitMillis;
    private final int capacity;
    private final Map<String, List<Waiting>> byRequest = new HashMap<>();
    private int held;

    /**
     * @param waitMillis how long feedback waits for its decision; less than the API's wait for the answer
     * @param capacity   how much feedback may wait at once; beyond it, feedback is answered at once
     */
    FeedbackAwaitingDecision(Vertx vertx, long waitMillis, int capacity) {
        this.vertx = vertx;
        this.waitMillis = waitMillis;
        this.capacity = capacity;
    }

    /**
     * Holds {@code message} until {@link #release} for its request or, after the wait, hands it to
     * {@code afterWait}. False, and nothing held, when as much feedback as allowed is waiting already.
     */
    boolean hold(Message<FeedbackSubmission> message, Consumer<Message<FeedbackSubmission>> afterWait) {
        if (held >= capacity) {
            return false;
        }
        String requestId = message.body().requestId();
        long[] timer = new long[1];
        timer[0] = vertx.setTimer(waitMillis, id -> {
            if (remove(requestId, timer[0])) {
                afterWait.accept(message);
            }
        });
        byRequest.computeIfAbsent(requestId, id -> new ArrayList<>(1)).add(new Waiting(message, timer[0]));
        held++;
        return true;
    }

    /** The feedback waiting for {@code requestId}, no longer held (its decision has come). */
    List<Message<FeedbackSubmission>> release(String requestId) {
        List<Waiting> waiting = byRequest.remove(requestId);
        if (waiting == null) {
            return List.of();
        }
        held -= waiting.size();
        List<Message<FeedbackSubmission>> released = new ArrayList<>(waiting.size());
        for (Waiting w : waiting) {
            vertx.cancelTimer(w.timer());
            released.add(w.message());
        }
        return released;
    }

    /** How much feedback is waiting now. */
    int size() {
        return held;
    }

    private boolean remove(String requestId, long timer) {
        List<Waiting> waiting = byRequest.get(requestId);
        if (waiting == null || !waiting.removeIf(w -> w.timer() == timer)) {
            return false;
        }
        if (waiting.isEmpty()) {
            byRequest.remove(requestId);
        }
        held--;
        return true;
    }
}
