package dev.switchboard.contracts.bus;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the feedback loop has learned, published on {@link Addresses#ROUTER_LEARNING} as one immutable snapshot that
 * replaces the previous one. Selection algorithms read it and never change it.
 *
 * @param version   increases with every update; a router ignores a snapshot older than the one it has
 * @param byScope   per scope ({@link #GLOBAL} or a decision name), per model: ratings and outcome counts
 * @param exemplars remembered prompts with the model that served them and how well, for nearest-neighbour learners
 */
public record LearnedState(long version, Map<String, Map<String, ModelStats>> byScope, List<Exemplar> exemplars) {

    /** The scope of statistics over every decision. */
    public static final String GLOBAL = "_global";

    /** Prefix of one user's scope: {@code user:<id>}. */
    public static final String USER_SCOPE = "user:";

    /** Prefix of one session's scope: {@code session:<id>}. */
    public static final String SESSION_SCOPE = "session:";

    /** Nothing learned yet. */
    public static final LearnedState EMPTY = new LearnedState(0, Map.of(), List.of());

    public LearnedState {
        byScope = Map.copyOf(byScope);
        exemplars = List.copyOf(exemplars);
    }

    /** A model's statistics in a scope, if any feedback reached it. */
    public Optional<ModelStats> stats(String scope, String model) {
        return Optional.ofNullable(byScope.getOrDefault(scope, Map.of()).get(model));
    }

    /**
     * One model's learned statistics in one scope.
     *
     * @param rating      Elo rating (1500 is the prior)
     * @param successes   Beta posterior's successes (alpha - 1): good outcomes, weighted
     * @param failures    Beta posterior's failures (beta - 1): bad outcomes, weighted
     * @param comparisons how many feedback events reached it
     */
    public record ModelStats(double rating, double successes, double failures, long comparisons) {
    }

    /**
     * A prompt the feedback loop remembers: its embedding, the model that served it and the reward it earned.
     *
     * @param embeddingModel id of the model the vector comes from (vectors of other models are not comparable)
     * @param vector         unit embedding of the prompt
     * @param decision       the decision it was routed in
     * @param model          the model that served it
     * @param reward         in [0, 1]: 1 good, 0 bad
     */
    public record Exemplar(String embeddingModel, float[] vector, String decision, String model, double reward) {
    }
}
