package dev.switchboard.selection.learning;

import dev.switchboard.contracts.bus.LearnedState;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A learner that fits {@link LinearHeads} on some features of the prompt vector, one exemplar at a time: each
 * exemplar's labels take a gradient step, then {@value #REVISITS} older exemplars of the memory are revisited (the
 * same ones on every instance, see {@link LearningMath#revisits}). Subclasses say which features, which labels and
 * which loss. The heads are tied to the embedding model they learned from: vectors of another model start afresh.
 */
public abstract class HeadsLearner implements Learner {

    static final int REVISITS = 8;
    private static final String EMBEDDING_MODEL = "embedding_model";
    private static final String HEADS = "heads";
    private static final String EXAMPLES = "examples";
    private static final String VECTOR_LENGTH = "vector_length";

    private final double rate;
    private final double l2;
    private final long salt;
    protected LinearHeads heads;
    protected String embeddingModel;
    protected long examples;
    private int vectorLength;

    /**
     * @param rate learning rate of a step
     * @param l2   shrinkage of the weights toward 0, that is toward the prior
     * @param salt makes this learner's revisits its own
     */
    protected HeadsLearner(double rate, double l2, long salt) {
        this.rate = rate;
        this.l2 = l2;
        this.salt = salt;
    }

    /** The features the heads read, for a prompt vector. */
    protected abstract float[] features(float[] vector);

    /** How many features a vector of this length gives. */
    protected abstract int featureDimension(int vectorLength);

    /** The cosine to the trained prompts at which the heads' reach is half ({@link LinearHeads#REACH_NEAR}). */
    protected double reachNear() {
        return LinearHeads.REACH_NEAR;
    }

    /** Which of the exemplar's labels this learner learns. */
    protected List<LearnedState.Label> labels(LearnedState.Exemplar exemplar) {
        return exemplar.choices();
    }

    /**
     * The prior term of a model for the exemplar: its cards' log-prior. (Its log-odds, the natural start of a
     * one-against-the-rest head, routed worse after learning on the dev distribution: svm 0.889 against 0.896,
     * mlp 0.912 against 0.921, kmeans 0.927 against 0.929, a quarter of verdict feedback, seed 42.)
     */
    protected double prior(LearnedState.Exemplar exemplar, String model) {
        return LearningMath.logPrior(exemplar.prior(), model);
    }

    /** The derivative of the loss by the logit, weighted: logistic by default. */
    protected double gradient(double logit, double target, double weight) {
        return (LearningMath.sigmoid(logit) - target) * weight;
    }

    /**
     * Where a subclass sets up what its features need: when the learner starts over on a new embedding model
     * ({@code fresh}, before the new heads are made), and after a restore (not fresh: keep what was restored).
     */
    protected void startOver(int vectorLength, boolean fresh) {
    }

    @Override
    public void learn(LearnedState.Exemplar exemplar, List<LearnedState.Exemplar> memory) {
        if (!exemplar.embeddingModel().equals(embeddingModel) || heads == null) {
            embeddingModel = exemplar.embeddingModel();
            vectorLength = exemplar.vector().length;
            startOver(vectorLength, true);
            heads = new LinearHeads(featureDimension(exemplar.vector().length), reachNear());
            examples = 0;
        }
        examples++;
        heads.cover(exemplar.vector());
        observe(exemplar);
        step(exemplar);
        for (LearnedState.Exemplar old : LearningMath.revisits(exemplar.sequence(), salt, memory, REVISITS)) {
            if (embeddingModel.equals(old.embeddingModel()) && old.vector().length == exemplar.vector().length) {
                step(old);
            }
        }
    }

    /** Called once per new exemplar before it is learned: where a subclass updates what its features read. */
    protected void observe(LearnedState.Exemplar exemplar) {
    }

    /** One pass over an exemplar's labels. */
    protected void step(LearnedState.Exemplar exemplar) {
        float[] x = features(exemplar.vector());
        double reach = heads.reach(exemplar.vector());
        for (LearnedState.Label label : labels(exemplar)) {
            double prior = prior(exemplar, label.model());
            double logit = heads.logit(label.model(), x, prior, reach);
            heads.step(label.model(), x, prior, reach * gradient(logit, label.target(), label.weight()), rate, l2);
        }
    }

    /** What has been fitted: the heads, the embedding model they belong to and how much they learned. */
    protected HeadsModel frozen() {
        return heads == null ? HeadsModel.UNTRAINED : new HeadsModel(embeddingModel, heads.frozen(), examples);
    }

    @Override
    public JsonObject save() {
        JsonObject saved = new JsonObject().put(EMBEDDING_MODEL, embeddingModel).put(EXAMPLES, examples)
                .put(VECTOR_LENGTH, vectorLength);
        if (heads != null) {
            saved.put(HEADS, heads.save());
        }
        return saved;
    }

    @Override
    public void restore(JsonObject saved) {
        embeddingModel = saved.getString(EMBEDDING_MODEL);
        examples = saved.getLong(EXAMPLES, 0L);
        vectorLength = saved.getInteger(VECTOR_LENGTH, 0);
        JsonObject savedHeads = saved.getJsonObject(HEADS);
        heads = savedHeads == null ? null : LinearHeads.restore(savedHeads);
        if (heads != null) {
            startOver(vectorLength, false);
        }
    }
}
