package dev.switchboard.selection;

import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.contracts.bus.RouteRequest;
import java.util.List;

/**
 * What an algorithm selects from. Immutable; algorithms read it and never change shared state.
 *
 * @param decision     name of the matched decision
 * @param candidates   the decision's candidates, in modelRefs order
 * @param promptVector unit embedding of the latest user message; null when it could not be computed
 * @param request      the request
 * @param observations latency windows and the request's conversation, as observed by the router
 * @param learned      what the feedback loop has learned, as of this request
 */
public record SelectionInput(String decision, List<Candidate> candidates, float[] promptVector, RouteRequest request,
        Observations observations, LearnedState learned) {

    public SelectionInput {
        candidates = List.copyOf(candidates);
        observations = observations == null ? Observations.NONE : observations;
        learned = learned == null ? LearnedState.EMPTY : learned;
    }

    /** The same input with other candidates (after filtering). */
    public SelectionInput withCandidates(List<Candidate> others) {
        return new SelectionInput(decision, others, promptVector, request, observations, learned);
    }
}
