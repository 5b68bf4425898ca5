package dev.switchboard.router.signals;

import dev.switchboard.selection.Nearest;
import dev.switchboard.selection.Vectors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A zero-shot classifier for many classes with many examples each: a label's score is the mean cosine of its
 * {@code m} examples nearest to the prompt, and the best score wins. Unlike a vote of the nearest examples overall,
 * every label is scored, so a label with a few very close examples is not drowned by a crowd of fairly close ones of
 * another. A label with few examples (a config's custom domain) is scored on its nearest quarter, at least one:
 * a handful of precise examples should not be averaged down by its own least typical one. The confidence is the
 * winner's softmax weight over the scores.
 */
public final class NearestMeans {

    /** Examples per label in a score; chosen by leave-one-out accuracy on the project's domain bank. */
    public static final int DEFAULT_M = 6;
    /** Softmax temperature in cosine units: a lead of 0.05 over the runner-up is a clear call. */
    private static final double TEMPERATURE = 0.02;

    private final Map<String, float[][]> examples = new LinkedHashMap<>();
    private final int m;

    public NearestMeans(Map<String, List<float[]>> examples, int m) {
        examples.forEach((label, vectors) -> {
            if (vectors.isEmpty()) {
                throw new IllegalArgumentException("label '" + label + "' has no examples");
            }
            this.examples.put(label, vectors.toArray(new float[0][]));
        });
        this.m = Math.max(1, m);
    }

    /** The winning label, its softmax weight, and every label's score. */
    public ClassVerdict classify(float[] prompt) {
        return classify(prompt, Map.of());
    }

    /**
     * The same, with more examples per label ({@code learned}: prompts feedback labelled) scored among the label's
     * own; labels not classified here are ignored.
     */
    public ClassVerdict classify(float[] prompt, Map<String, List<float[]>> learned) {
        Map<String, Double> scores = new LinkedHashMap<>();
        String best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, float[][]> label : examples.entrySet()) {
            double score = meanOfNearest(prompt, label.getValue(), learned.getOrDefault(label.getKey(), List.of()));
            scores.put(label.getKey(), score);
            if (score > bestScore) {
                bestScore = score;
                best = label.getKey();
            }
        }
        double sum = 0;
        for (double score : scores.values()) {
            sum += Math.exp((score - bestScore) / TEMPERATURE);
        }
        return new ClassVerdict(best, 1 / sum, scores);
    }

    private double meanOfNearest(float[] prompt, float[][] vectors, List<float[]> learned) {
        int count = Math.max(1, Math.min(m, (vectors.length + learned.size() + 3) / 4));
        Nearest nearest = new Nearest(count);
        for (int i = 0; i < vectors.length; i++) {
            nearest.offer(Vectors.dot(prompt, vectors[i]), i);
        }
        for (int i = 0; i < learned.size(); i++) {
            nearest.offer(Vectors.dot(prompt, learned.get(i)), vectors.length + i);
        }
        double sum = 0;
        for (int rank = 0; rank < count; rank++) {
            sum += nearest.similarity(rank);
        }
        return sum / count;
    }
}
