package dev.switchboard.router;

import dev.switchboard.contracts.bus.OutcomeEvent;
import dev.switchboard.router.selection.LatencySamples;
import dev.switchboard.router.selection.Observations;
import dev.switchboard.router.selection.SessionView;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The router's own observations: a sliding window of the last {@value #WINDOW} latencies per model, from the
 * proxy's outcome events, and which model served each conversation's recent turns (at most {@value #SESSIONS}
 * conversations, least recently used forgotten first).
 *
 * <p>Confined to the router verticle's event loop: every method is called from that one thread. Algorithms see
 * immutable {@link Observations} snapshots only.
 */
final class ObservationStore {

    static final int WINDOW = 1_000;
    static final int SESSIONS = 10_000;

    private final Map<String, Window> windows = new HashMap<>();
    private final Map<String, LatencySamples> latency = new HashMap<>();
    private final Map<String, SessionView> sessions = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SessionView> eldest) {
            return size() > SESSIONS;
        }
    };

    /** A ring buffer of one model's latencies. */
    private static final class Window {
        final double[] ttft = new double[WINDOW];
        final double[] tpot = new double[WINDOW];
        int ttftCount;
        int tpotCount;

        LatencySamples snapshot() {
            double[] t = Arrays.copyOf(ttft, Math.min(ttftCount, WINDOW));
            double[] p = Arrays.copyOf(tpot, Math.min(tpotCount, WINDOW));
            Arrays.sort(t);
            Arrays.sort(p);
            return new LatencySamples(t, p);
        }
    }

    /** Adds a successful response's latencies to its model's window. Failed responses say nothing about speed. */
    void recordOutcome(OutcomeEvent outcome) {
        if (outcome.model() == null || outcome.status() >= 400 || (outcome.ttftMs() == null && outcome.tpotMs() == null)) {
            return;
        }
        Window window = windows.computeIfAbsent(outcome.model(), m -> new Window());
        if (outcome.ttftMs() != null) {
            window.ttft[window.ttftCount++ % WINDOW] = outcome.ttftMs();
        }
        if (outcome.tpotMs() != null) {
            window.tpot[window.tpotCount++ % WINDOW] = outcome.tpotMs();
        }
        latency.put(outcome.model(), window.snapshot());
    }

    /** Remembers that {@code model} served a turn of the conversation. */
    void recordTurn(String sessionId, String model, Instant now) {
        if (sessionId == null || sessionId.isBlank()) {
            return;
        }
        SessionView previous = sessions.get(sessionId);
        int turns = previous != null && previous.model().equals(model) ? previous.turns() + 1 : 1;
        sessions.put(sessionId, new SessionView(model, turns, now));
    }

    Observations snapshot(String sessionId) {
        return new Observations(latency, sessionId == null ? null : sessions.get(sessionId));
    }
}
