package dev.switchboard.router.selection;

import dev.switchboard.contracts.bus.RouteRequest;
import java.util.List;

/**
 * What an algorithm selects from. Immutable; algorithms read it and never change shared state.
 *
 * @param decision     name of the matched decision
 * @param candidates   the decision's candidates, in modelRefs order
 * @param promptVector unit embedding of the latest user message; null when it could not be computed
 * @param request      the request
 */
public record SelectionInput(String decision, List<Candidate> candidates, float[] promptVector, RouteRequest request) {

    public SelectionInput {
        candidates = List.copyOf(candidates);
    }
}
