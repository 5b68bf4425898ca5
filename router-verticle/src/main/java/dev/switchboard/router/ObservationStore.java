package dev.switchboard.router;

import dev.switchboard.contracts.bus.OutcomeEvent;
import dev.switchboard.selection.LatencySamples;
import dev.switchboard.selection.Observations;
import dev.switchboard.selection.SessionView;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The router's own observations: a sliding window of the last {@value #WINDOW} latencies per model, from the
 * proxy's outcome events; how many routed requests each model has in flight (routed, no outcome yet); and which
 * model served each conversation's recent turns (at most {@value #SESSIONS} conversations, least recently used
 * forgotten first).
 *
 * <p>Confined to the router verticle's event loop: every method is called from that one thread. Algorithms see
 * immutable {@link Observations} snapshots only.
 */
final class ObservationStore {

    static final int WINDOW = 1_000;
    static final int SESSIONS = 10_000;
    /**
     * Requests counted in flight at most. Each waits for its outcome event, which a gateway that never sends the
     * response phases (or an outcome lost with Kafka) never brings: beyond the bound the oldest is taken as finished,
     * as it would be at {@link #IN_FLIGHT_EXPIRY}. 100,000 is ten minutes at about 170 requests/s.
     */
    static final int PENDING = 100_000;
    /** A request whose outcome has not arrived after this long is taken as finished (its event was lost). */
    static final Duration IN_FLIGHT_EXPIRY = Duration.ofMinutes(10);

    private final Map<String, Window> windows = new HashMap<>();
    private final Map<String, LatencySamples> latency = new HashMap<>();
    private final Map<String, Integer> inFlight = new HashMap<>();
    /** Requests routed and not finished, oldest first, by request id. */
    private final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();
    private final Map<String, SessionView> sessions = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SessionView> eldest) {
            return size() > SESSIONS;
        }
    };

    private record Pending(String model, Instant routedAt) {
    }

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
        Pending finished = outcome.requestId() == null ? null : pending.remove(outcome.requestId());
        if (finished != null) {
            inFlight.merge(finished.model(), -1, Integer::sum);
        }
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

    /** Counts a routed request as in flight to its model until its outcome arrives (or it expires). */
    void recordInFlight(String requestId, String model, Instant now) {
        expire(now);
        if (requestId != null && !pending.containsKey(requestId)) {
            pending.put(requestId, new Pending(model, now));
            inFlight.merge(model, 1, Integer::sum);
            if (pending.size() > PENDING) {
                var oldest = pending.entrySet().iterator();
                inFlight.merge(oldest.next().getValue().model(), -1, Integer::sum);
                oldest.remove();
            }
        }
    }

    private void expire(Instant now) {
        Instant horizon = now.minus(IN_FLIGHT_EXPIRY);
        for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
            Pending oldest = it.next().getValue();
            if (oldest.routedAt().isAfter(horizon)) {
                break;
            }
            it.remove();
            inFlight.merge(oldest.model(), -1, Integer::sum);
        }
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
        return new Observations(latency, inFlight, sessionId == null ? null : sessions.get(sessionId));
    }
}
