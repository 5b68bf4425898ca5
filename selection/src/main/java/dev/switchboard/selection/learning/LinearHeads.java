package dev.switchboard.selection.learning;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One linear head per model on top of the cards' prior: {@code logit(m, x) = prior_m + r(x) · (w_m · φ(x) + b_m +
 * c_m · prior_m)}, all zero for a model never seen, so that an untrained head repeats the prior. The learners of
 * several algorithms fit such heads with their own loss on their own features {@code φ} (the prompt vector, random
 * features of it, soft cluster memberships, a hidden layer). Models appear as feedback names them.
 *
 * <p>What the heads learned applies where they learned it. The heads keep a bounded cover of the prompts they were
 * trained on ({@value #COVER_POINTS} online centroids), and the reach {@code r(x)} is a prompt's
 * {@link dev.switchboard.selection.Locality#nearness} to the nearest point of the cover: a prompt unlike any that
 * had feedback keeps the cards' routing. The bias {@code b} and the change of trust in the cards {@code c} act on
 * every covered prompt alike, so they move only as the head's evidence grows ({@code n / (n + }{@value
 * #GLOBAL_EVIDENCE}{@code )} of the rate after {@code n} steps): a few corrections about translations must not
 * shift the model for everything near other feedback, while a quarter of the dev distribution's feedback lets them
 * calibrate the cards (kmeans 0.885 without them, 0.929 with; svm 0.866 and 0.877; seed 42).
 * Mutable; {@link #frozen} is the copy a router reads.
 */
public final class LinearHeads {

    static final int COVER_POINTS = 512;
    /**
     * Half-way cosine of a linear head's reach. A linear head generalises usefully beyond its nearest exemplars: at
     * the learners' default 0.3 router_dc routed 0.882 of the dev distribution after a quarter of verdict feedback
     * and svm 0.875, at 0.25 0.893 and 0.883, at 0.2 0.901 and 0.893 (seed 42), and skewed corrections still moved
     * no code or everyday question.
     */
    public static final double REACH_NEAR = 0.2;
    /** Steps of a head before its bias and prior term move at half the rate. */
    static final double GLOBAL_EVIDENCE = 1000;
    private static final String DIMENSION = "dimension";
    private static final String HEADS = "heads";
    private static final String COVER = "cover";
    private static final String WEIGHTS = "w";
    private static final String BIAS = "b";
    private static final String PRIOR_SHIFT = "c";
    private static final String STEPS = "steps";
    private static final String NEAR = "near";

    private final int dimension;
    private final double near;
    private final Map<String, Head> heads = new LinkedHashMap<>();
    private OnlineClusters cover = new OnlineClusters(COVER_POINTS);

    /** One model's parameters. */
    private static final class Head {
        final float[] w;
        double bias;
        double priorShift;
        long steps;

        Head(int dimension) {
            w = new float[dimension];
        }
    }

    /**
     * @param dimension the features' length
     * @param near      the cosine to the cover at which the reach is half ({@link #REACH_NEAR} for a linear head)
     */
    public LinearHeads(int dimension, double near) {
        this.dimension = dimension;
        this.near = near;
    }

    public int dimension() {
        return dimension;
    }

    /** Adds a prompt vector the heads are about to learn from to their cover. */
    public void cover(float[] vector) {
        cover.add(vector);
    }

    /** How much of what the heads learned applies to a prompt vector, in [0, 1). */
    public double reach(float[] vector) {
        return cover.reach(vector, near);
    }

    /**
     * The model's logit for a prompt with these features, at this reach. Its derivative by the parameters carries
     * the reach: a learner passes {@link #step} the loss's derivative by the logit times the reach.
     */
    public double logit(String model, float[] features, double prior, double reach) {
        Head head = heads.get(model);
        return head == null ? prior
                : logit(prior, reach, LearningMath.dot(head.w, features), head.bias, head.priorShift);
    }

    private static double logit(double prior, double reach, double weighted, double bias, double priorShift) {
        return prior + reach * (weighted + bias + priorShift * prior);
    }

    /** The model's weights as they are now (for backpropagation below the heads); null for a model never seen. */
    public float[] weights(String model) {
        Head head = heads.get(model);
        return head == null ? null : head.w;
    }

    /**
     * One gradient step for the model's head: {@code gradient} is the loss's derivative by the logit, weighted and
     * times the reach; {@code l2} shrinks the weights toward 0, that is toward the prior. The prior term moves at a
     * tenth of the rate, so that a few pieces of feedback do not switch the cards off.
     */
    public void step(String model, float[] features, double prior, double gradient, double rate, double l2) {
        Head head = heads.computeIfAbsent(model, m -> new Head(dimension));
        for (int i = 0; i < dimension; i++) {
            head.w[i] -= (float) (rate * (gradient * features[i] + l2 * head.w[i]));
        }
        head.steps++;
        double global = rate * head.steps / (head.steps + GLOBAL_EVIDENCE);
        head.bias -= global * gradient;
        head.priorShift -= 0.1 * global * gradient * prior;
    }

    /** An immutable copy for the routers. */
    public Frozen frozen() {
        Map<String, Frozen.Head> copy = new LinkedHashMap<>();
        heads.forEach((model, h) -> copy.put(model, new Frozen.Head(h.w.clone(), h.bias, h.priorShift)));
        return new Frozen(dimension, Map.copyOf(copy), cover.centroidsCopy(), near);
    }

    public JsonObject save() {
        JsonObject saved = new JsonObject();
        heads.forEach((model, h) -> saved.put(model, new JsonObject().put(WEIGHTS, Floats.encode(h.w))
                .put(BIAS, h.bias).put(PRIOR_SHIFT, h.priorShift).put(STEPS, h.steps)));
        return new JsonObject().put(DIMENSION, dimension).put(NEAR, near).put(HEADS, saved)
                .put(COVER, cover.save());
    }

    /** The heads saved by {@link #save}. */
    public static LinearHeads restore(JsonObject saved) {
        LinearHeads heads = new LinearHeads(saved.getInteger(DIMENSION), saved.getDouble(NEAR, REACH_NEAR));
        saved.getJsonObject(HEADS).forEach(entry -> {
            JsonObject h = (JsonObject) entry.getValue();
            Head head = new Head(heads.dimension);
            float[] w = Floats.decode(h.getString(WEIGHTS));
            System.arraycopy(w, 0, head.w, 0, Math.min(w.length, head.w.length));
            head.bias = h.getDouble(BIAS, 0.0);
            head.priorShift = h.getDouble(PRIOR_SHIFT, 0.0);
            head.steps = h.getLong(STEPS, 0L);
            heads.heads.put(entry.getKey(), head);
        });
        heads.cover = OnlineClusters.restore(saved.getJsonObject(COVER, new JsonObject()), COVER_POINTS);
        return heads;
    }

    /**
     * What the heads have fitted, immutable.
     *
     * @param dimension the features' length
     * @param heads     by model
     * @param cover     the cover's points
     * @param near      the cosine to the cover at which the reach is half
     */
    public record Frozen(int dimension, Map<String, Head> heads, float[][] cover, double near) {

        public static final Frozen UNTRAINED = new Frozen(0, Map.of(), new float[0][], REACH_NEAR);

        /** How much of what the heads learned applies to a prompt vector, in [0, 1); 0 for no vector. */
        public double reach(float[] vector) {
            return OnlineClusters.reach(cover, cover.length, vector, near);
        }

        /** The logit of {@code model} at this reach; the prior alone for a model never seen. */
        public double logit(String model, float[] features, double prior, double reach) {
            Head head = heads.get(model);
            if (head == null || features.length != dimension) {
                return prior;
            }
            return LinearHeads.logit(prior, reach, LearningMath.dot(head.w(), features), head.bias(),
                    head.priorShift());
        }

        /** One model's parameters. */
        public record Head(float[] w, double bias, double priorShift) {
        }
    }
}
