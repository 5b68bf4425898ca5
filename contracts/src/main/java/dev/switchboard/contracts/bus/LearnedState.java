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
 * @param exemplars remembered prompts with the feedback they got, oldest first, for the per-prompt learners
 * @param models    what each learning algorithm has fitted, by algorithm type (immutable objects of the algorithm's
 *                  own package)
 * @param clusters  a partition of {@code exemplars} that lets a search skip the far ones; null while there are too
 *                  few exemplars for one to pay (a search then compares with every exemplar)
 */
public record LearnedState(long version, Map<String, Map<String, ModelStats>> byScope, List<Exemplar> exemplars,
        Map<String, Object> models, ExemplarClusters clusters) {

    /** The scope of statistics over every decision. */
    public static final String GLOBAL = "_global";

    /** Prefix of one user's scope: {@code user:<id>}. */
    public static final String USER_SCOPE = "user:";

    /** Prefix of one session's scope: {@code session:<id>}. */
    public static final String SESSION_SCOPE = "session:";

    /**
     * Whether a scope is one user's or one session's: as many as there are users, and named by their ids, so kept
     * out of metrics and the dashboard (which show {@link #GLOBAL} and the decisions, bounded by the config).
     */
    public static boolean isPersonal(String scope) {
        return scope.startsWith(USER_SCOPE) || scope.startsWith(SESSION_SCOPE);
    }

    /** Nothing learned yet. */
    public static final LearnedState EMPTY = new LearnedState(0, Map.of(), List.of(), Map.of());

    public LearnedState {
        byScope = Map.copyOf(byScope);
        exemplars = List.copyOf(exemplars);
        models = Map.copyOf(models);
        if (clusters != null && clusters.exemplarCount() != exemplars.size()) {
            throw new IllegalArgumentException("the clusters partition " + clusters.exemplarCount()
                    + " exemplars, the state holds " + exemplars.size());
        }
    }

    /** A state whose exemplars are not partitioned. */
    public LearnedState(long version, Map<String, Map<String, ModelStats>> byScope, List<Exemplar> exemplars,
            Map<String, Object> models) {
        this(version, byScope, exemplars, models, null);
    }

    /** A state without fitted models. */
    public LearnedState(long version, Map<String, Map<String, ModelStats>> byScope, List<Exemplar> exemplars) {
        this(version, byScope, exemplars, Map.of());
    }

    /** A model's statistics in a scope, if any feedback reached it. */
    public Optional<ModelStats> stats(String scope, String model) {
        return Optional.ofNullable(byScope.getOrDefault(scope, Map.of()).get(model));
    }

    /** What the algorithm of {@code type} has fitted, when it learns and has published. */
    public <M> Optional<M> model(String type, Class<M> as) {
        Object model = models.get(type);
        return as.isInstance(model) ? Optional.of(as.cast(model)) : Optional.empty();
    }

    /**
     * The same state with other exemplars (the router keeps those of its own embedding model); without the clusters,
     * whose positions were those of the old list.
     */
    public LearnedState withExemplars(List<Exemplar> others) {
        return new LearnedState(version, byScope, others, models, null);
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
     * A prompt the feedback loop remembers: its embedding, where it was routed, and what the feedback on it says.
     * One piece of feedback is one exemplar; its labels are the feedback's meaning for each model it speaks of.
     *
     * @param sequence       position in the feedback stream (the same on every instance); learners replay by it
     * @param embeddingModel id of the model the vector comes from (vectors of other models are not comparable)
     * @param vector         unit embedding of the prompt
     * @param decision       the decision it was routed in; nullable
     * @param servedModel    the model that served it
     * @param userId         who gave the feedback, or whose request it was; nullable
     * @param prior          the model cards' prior over the models for this prompt when it was routed (see the
     *                       selection module's {@code CardPrior}); empty without model cards
     * @param strength       the decision's candidates on a scale from weaker and cheaper to stronger and dearer, when
     *                       the config orders them (prices, quality scores or parameter counts); empty otherwise
     * @param choices        for each model the feedback speaks of, whether it is the right model to route such a prompt
     *                       to (target 1) or not (0), with a weight
     * @param sufficiency    for each model the feedback speaks of, whether its answer is (or would be) good enough
     */
    public record Exemplar(long sequence, String embeddingModel, float[] vector, String decision, String servedModel,
            String userId, Map<String, Double> prior, Map<String, Double> strength, List<Label> choices,
            List<Label> sufficiency) {

        public Exemplar {
            prior = Map.copyOf(prior);
            strength = Map.copyOf(strength);
            choices = List.copyOf(choices);
            sufficiency = List.copyOf(sufficiency);
        }

        /** How good the served model's answer was, in [0, 1]; 0.5 when the feedback does not say. */
        public double reward() {
            for (Label label : sufficiency) {
                if (label.model().equals(servedModel)) {
                    return label.target();
                }
            }
            return 0.5;
        }
    }

    /**
     * What one piece of feedback says about one model.
     *
     * @param model  the model
     * @param target 1 yes, 0 no; in between for a rating
     * @param weight how much it says it: 1 for what the user stated, less for what follows from it
     */
    public record Label(String model, double target, double weight) {
    }
}
