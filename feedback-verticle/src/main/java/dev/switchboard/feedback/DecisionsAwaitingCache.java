package dev.switchboard.feedback;

import dev.switchboard.contracts.bus.DecisionRecord;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Decision events of requests whose decision has a response cache, held until the proxy says what the cache made of
 * the request ({@code feedback.cache.lookup}, a few milliseconds after the decision), so that the event written says
 * whether the cache answered. A decision whose lookup never comes (a request the proxy did not look up, such as
 * one it self-verifies) is written without it after the wait. Bounded in count: beyond it a decision is written at
 * once. Confined to the feedback verticle's event loop (not thread-safe).
 */
final class DecisionsAwaitingCache {

    private record Held(DecisionRecord record, long timer) {
    }

    private final Vertx vertx;
    private final long waitMillis;
    private final int capacity;
    private final Map<String, Held> byRequest = new HashMap<>();

    DecisionsAwaitingCache(Vertx vertx, long waitMillis, int capacity) {
        this.vertx = vertx;
        this.waitMillis = waitMillis;
        this.capacity = capacity;
    }

    /**
     * Holds {@code record} until {@link #release} for its request or, after the wait, hands it to {@code afterWait}.
     * False, and nothing held, when as many are held as allowed or its request is held already.
     */
    boolean hold(DecisionRecord record, Consumer<DecisionRecord> afterWait) {
        String requestId = record.decision().requestId();
        if (byRequest.size() >= capacity || requestId == null || byRequest.containsKey(requestId)) {
            return false;
        }
        long timer = vertx.setTimer(waitMillis, id -> {
            Held held = byRequest.get(requestId);
            if (held != null && held.timer() == id) {
                byRequest.remove(requestId);
                afterWait.accept(held.record());
            }
        });
        byRequest.put(requestId, new Held(record, timer));
        return true;
    }

    /** The decision held for {@code requestId}, no longer held; null when none is. */
    DecisionRecord release(String requestId) {
        Held held = byRequest.remove(requestId);
        if (held == null) {
            return null;
        }
        vertx.cancelTimer(held.timer());
        return held.record();
    }

    /** Every decision held, no longer held: for a shutdown, which must not lose them. */
    List<DecisionRecord> releaseAll() {
        List<DecisionRecord> all = new ArrayList<>(byRequest.size());
        byRequest.values().forEach(held -> {
            vertx.cancelTimer(held.timer());
            all.add(held.record());
        });
        byRequest.clear();
        return all;
    }

    int size() {
        return byRequest.size();
    }
}
