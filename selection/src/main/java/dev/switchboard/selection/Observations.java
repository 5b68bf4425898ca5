package dev.switchboard.selection;

import java.util.Map;
import java.util.Optional;

/**
 * What the router has observed, as an immutable snapshot for one selection: latency windows per model, from the
 * outcome events, and the request's conversation, when it has one. Algorithms read it; only the router updates the
 * stores behind it.
 *
 * @param latency  latency windows by model name
 * @param inFlight requests routed to each model whose outcome has not arrived yet
 * @param session  the request's conversation; null when the request has no session id or it is new
 */
public record Observations(Map<String, LatencySamples> latency, Map<String, Integer> inFlight, SessionView session) {

    public static final Observations NONE = new Observations(Map.of(), Map.of(), null);

    public Observations {
        latency = Map.copyOf(latency);
        inFlight = Map.copyOf(inFlight);
    }

    public int inFlight(String model) {
        return inFlight.getOrDefault(model, 0);
    }

    public LatencySamples latency(String model) {
        return latency.getOrDefault(model, LatencySamples.NONE);
    }

    public Optional<SessionView> sessionView() {
        return Optional.ofNullable(session);
    }
}
