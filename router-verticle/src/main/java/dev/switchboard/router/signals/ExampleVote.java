package dev.switchboard.router.signals;

import dev.switchboard.selection.Nearest;
import dev.switchboard.selection.Vectors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A zero-shot classifier over labelled example vectors: the {@code k} examples nearest to a prompt vote for their
 * labels, each with its cosine above a floor, and the label with the largest sum wins. Its confidence is its share
 * of the votes. Examples no closer than the floor do not vote: a prompt unlike every example of a detector (a
 * payment question for the jailbreak detector) gets no verdict rather than a coin toss between distant examples.
 * This stands in for the reference's fine-tuned classifiers: the examples are the project's banks (and a config's own),
 * embedded by the same model as the prompts.
 */
public final class ExampleVote {

    /** Votes per prompt: enough to smooth over one odd example, few enough that a small class is not outvoted. */
    public static final int DEFAULT_K = 7;

    private final List<String> labels;
    private final float[][] vectors;
    private final int k;
    private final double floor;

    /**
     * @param examples unit vectors by label; every label needs at least one
     * @param floor    the cosine an example must exceed to vote; its vote is the excess
     */
    public ExampleVote(Map<String, List<float[]>> examples, int k, double floor) {
        List<String> labelOfRow = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        examples.forEach((label, vectorsOfLabel) -> {
            if (vectorsOfLabel.isEmpty()) {
                throw new IllegalArgumentException("label '" + label + "' has no examples");
            }
            for (float[] vector : vectorsOfLabel) {
                labelOfRow.add(label);
                rows.add(vector);
            }
        });
        this.labels = List.copyOf(labelOfRow);
        this.vectors = rows.toArray(new float[0][]);
        this.k = Math.max(1, Math.min(k, rows.size()));
        this.floor = floor;
    }

    /** The verdict on a unit prompt vector. */
    public ClassVerdict classify(float[] prompt) {
        Nearest nearest = new Nearest(k);
        for (int row = 0; row < vectors.length; row++) {
            nearest.offer(Vectors.dot(prompt, vectors[row]), row);
        }
        Map<String, Double> votes = new LinkedHashMap<>();
        double total = 0;
        for (int i = 0; i < nearest.size() && nearest.similarity(i) > floor; i++) {
            double vote = nearest.similarity(i) - floor;
            votes.merge(labels.get(nearest.item(i)), vote, Double::sum);
            total += vote;
        }
        if (votes.isEmpty()) {
            return new ClassVerdict(null, 0, votes);
        }
        String best = null;
        double bestVotes = -1;
        for (Map.Entry<String, Double> entry : votes.entrySet()) {
            if (entry.getValue() > bestVotes) {
                best = entry.getKey();
                bestVotes = entry.getValue();
            }
        }
        return new ClassVerdict(best, bestVotes / total, votes);
    }
}
