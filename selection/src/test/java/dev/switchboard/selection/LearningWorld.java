package dev.switchboard.selection;

import dev.switchboard.contracts.bus.FeedbackSubmission;
import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.contracts.bus.RouteRequest;
import dev.switchboard.contracts.config.AlgorithmConfig;
import dev.switchboard.contracts.config.AlgorithmPlugins;
import dev.switchboard.contracts.config.BackendRef;
import dev.switchboard.contracts.config.ModelCard;
import dev.switchboard.contracts.config.ModelDefinition;
import dev.switchboard.selection.learning.FeedbackLabels;
import dev.switchboard.selection.learning.Learner;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A small world to watch the learners in, without Kafka: three models (a coder, a general model and a stronger
 * reasoner, ordered by their cards' parameter counts), each card with anchors around its own direction of a
 * 16-dimensional space, and a fourth kind of prompt between "general" and a direction no card claims (think
 * translations) that the cards give to the general model. Feedback runs through every installed learner, as the
 * learning loop does, into a learned state the algorithms select with.
 */
final class LearningWorld {

    static final String CODER = "coder";
    static final String GENERAL = "general";
    static final String REASONER = "reasoner";
    static final List<String> MODELS = List.of(CODER, REASONER, GENERAL);
    static final Map<String, Double> STRENGTH = Map.of(CODER, 7e9, GENERAL, 100e9, REASONER, 200e9);
    private static final int DIMENSION = 16;
    /** The directions of the three kinds of work the cards describe, and of the fourth kind. */
    static final int CODE = 0;
    static final int REASONING = 1;
    static final int EVERYDAY = 2;
    static final int UNCLAIMED = 3;

    private final SplittableRandom random = new SplittableRandom(7);
    final List<Candidate> candidates = new ArrayList<>();
    final Map<String, List<float[]>> anchors = new LinkedHashMap<>();
    private final Map<String, Learner> learners = new LinkedHashMap<>();
    private final List<LearnedState.Exemplar> memory = new ArrayList<>();
    private long sequence;

    LearningWorld() {
        int[] directions = {CODE, REASONING, EVERYDAY};
        for (int m = 0; m < MODELS.size(); m++) {
            String model = MODELS.get(m);
            List<float[]> own = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                own.add(prompt(directions[m], -1, 0.15));
            }
            anchors.put(model, own);
            ModelDefinition definition = new ModelDefinition(model, model, null, null,
                    List.of(new BackendRef("b", "127.0.0.1:1", null, null, null, null, null)));
            ModelCard card = new ModelCard(model, STRENGTH.get(model) / 1e9 + "B", null, "card of " + model,
                    List.of(), null, List.of());
            candidates.add(new Candidate(model, 1, definition, card, unit(directions[m], -1, 0), own));
        }
        SelectionPlugins plugins = SelectionPlugins.installed();
        for (String type : plugins.types()) {
            learner(plugins.byType(type).orElseThrow()).ifPresent(l -> learners.put(type, l));
        }
    }

    private static <S> java.util.Optional<Learner> learner(SelectionPlugin<S> plugin) {
        return plugin.learner(AlgorithmPlugins.settingsOf(AlgorithmConfig.DEFAULT, plugin));
    }

    /** A prompt of one kind (or between two, with {@code second} ≥ 0), with some noise. */
    float[] prompt(int first, int second, double noise) {
        float[] v = new float[DIMENSION];
        v[first] = 1;
        if (second >= 0) {
            v[second] = 1;
        }
        for (int i = 0; i < DIMENSION; i++) {
            v[i] += (float) (noise * random.nextGaussian());
        }
        return normalise(v);
    }

    private static float[] unit(int first, int second, double noise) {
        float[] v = new float[DIMENSION];
        v[first] = 1;
        if (second >= 0) {
            v[second] = 1;
        }
        return normalise(v);
    }

    private static float[] normalise(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    /** Feedback on a prompt that was served by {@code served}, through every learner. */
    void feedback(float[] prompt, String served, FeedbackLabels.Facts facts, String user) {
        LearnedState.Exemplar exemplar = new LearnedState.Exemplar(++sequence, "m", prompt, "d", served, user,
                CardPrior.of(prompt, anchors), STRENGTH, FeedbackLabels.choices(facts),
                FeedbackLabels.sufficiency(facts));
        memory.add(exemplar);
        learners.values().forEach(l -> l.learn(exemplar, List.copyOf(memory)));
    }

    /** A correction: {@code right} should have answered the prompt that {@code served} answered. */
    void correct(float[] prompt, String served, String right, String user) {
        feedback(prompt, served, new FeedbackLabels.Facts(FeedbackSubmission.CORRECTIVE, null, null, null, null, right,
                served, MODELS, STRENGTH), user);
    }

    /** A {@code good_fit} verdict on the model that served the prompt. */
    void confirm(float[] prompt, String served) {
        feedback(prompt, served, new FeedbackLabels.Facts(FeedbackSubmission.VERDICT, FeedbackSubmission.GOOD_FIT,
                null, null, null, null, served, MODELS, STRENGTH), null);
    }

    LearnedState learned() {
        Map<String, Object> models = new LinkedHashMap<>();
        learners.forEach((type, l) -> models.put(type, l.model()));
        return new LearnedState(sequence, Map.of(), memory, models);
    }

    Map<String, Learner> learners() {
        return learners;
    }

    SelectionInput input(float[] prompt, String user, boolean dryRun) {
        return new SelectionInput("d", candidates, prompt, new RouteRequest("r", "MoM", "t", List.of(), 4, null, user,
                dryRun, "test"), null, learned(), CardPrior.of(prompt, anchors));
    }

    /** Where {@code type} routes the prompt, as a dry run. */
    String route(String type, float[] prompt) throws SelectionUnavailableException {
        return route(type, prompt, null);
    }

    String route(String type, float[] prompt, String user) throws SelectionUnavailableException {
        return algorithm(type).select(input(prompt, user, true)).model();
    }

    /** The algorithm of {@code type} with its defaults and seeded randomness. */
    SelectionAlgorithm algorithm(String type) {
        return SelectionPlugins.installed().create(new AlgorithmConfig(type, null, Map.of()),
                new SelectionEnvironment(Clock.systemUTC(), new SplittableRandom(1)));
    }
}
