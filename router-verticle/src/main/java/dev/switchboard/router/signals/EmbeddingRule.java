package dev.switchboard.router.signals;

import dev.switchboard.selection.Vectors;
import java.util.List;

/**
 * A compiled {@code routing.signals.embeddings[]} rule: the prompt's cosine similarity to the rule's example
 * phrases, aggregated by {@code max} (also {@code any}) or {@code mean}, matches at {@code threshold}. The
 * confidence of a match is the aggregated similarity.
 *
 * @param name       rule name
 * @param candidates unit vectors of the example phrases
 * @param threshold  similarity at which the rule matches
 * @param mean       aggregate by mean instead of max
 */
public record EmbeddingRule(String name, List<float[]> candidates, double threshold, boolean mean) {

    /** The aggregated similarity of a unit prompt vector to the candidates. */
    public double similarity(float[] prompt) {
        double best = -1;
        double sum = 0;
        for (float[] candidate : candidates) {
            double cosine = Vectors.dot(prompt, candidate);
            best = Math.max(best, cosine);
            sum += cosine;
        }
        return mean ? sum / candidates.size() : best;
    }
}
