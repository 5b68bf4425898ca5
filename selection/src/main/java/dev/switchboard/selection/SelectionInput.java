package dev.switchboard.selection;

import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.contracts.bus.RouteRequest;
import java.util.List;
import java.util.Map;

/**
 * What an algorithm selects from. Immutable; algorithms read it and never change shared state.
 *
 * @param decision     name of the matched decision
 * @param candidates   the decision's candidates, in modelRefs order
 * @param promptVector unit embedding of the latest user message; null when it could not be computed
 * @param request      the request
 * @param observations latency windows and the request's conversation, as observed by the router
 * @param learned      what the feedback loop has learned, as of this request
 * @param prior        the model cards' prior for this prompt, by model ({@link CardPrior}); empty without cards
 * @param similarities the prompt's cosines with the learned exemplars, computed on first use and shared by the
 *                     inputs derived from this one
 * @param anchorSimilarities the prompt's cosines with the capability anchors, likewise (and shared with the prior)
 */
public record SelectionInput(String decision, List<Candidate> candidates, float[] promptVector, RouteRequest request,
        Observations observations, LearnedState learned, Map<String, Double> prior,
        ExemplarSimilarities similarities, AnchorSimilarities anchorSimilarities) {

    public SelectionInput {
        candidates = List.copyOf(candidates);
        observations = observations == null ? Observations.NONE : observations;
        learned = learned == null ? LearnedState.EMPTY : learned;
        prior = prior == null ? Map.of() : Map.copyOf(prior);
        similarities = similarities == null ? new ExemplarSimilarities() : similarities;
        anchorSimilarities = anchorSimilarities == null ? new AnchorSimilarities() : anchorSimilarities;
    }

    /** An input of one request, before any similarity is computed. */
    public SelectionInput(String decision, List<Candidate> candidates, float[] promptVector, RouteRequest request,
            Observations observations, LearnedState learned, Map<String, Double> prior) {
        this(decision, candidates, promptVector, request, observations, learned, prior, null, null);
    }

    /** An input without a card prior. */
    public SelectionInput(String decision, List<Candidate> candidates, float[] promptVector, RouteRequest request,
            Observations observations, LearnedState learned) {
        this(decision, candidates, promptVector, request, observations, learned, Map.of(), null, null);
    }

    /** The same input with other candidates (after filtering). */
    public SelectionInput withCandidates(List<Candidate> others) {
        return new SelectionInput(decision, others, promptVector, request, observations, learned, prior,
                similarities, anchorSimilarities);
    }

    /** The candidate's position, or -1 when the model is not a candidate. */
    public int indexOf(String model) {
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.get(i).model().equals(model)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the request is a dry run (asked where it would go): algorithms do not explore on those. */
    public boolean dryRun() {
        return request == null || request.dryRun();
    }
}
