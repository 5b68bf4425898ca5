package dev.switchboard.selection;

import dev.switchboard.contracts.bus.LearnedState;
import java.util.List;
import java.util.function.Predicate;

/**
 * How well each candidate fits the prompt, by its nearest neighbours among two kinds of labelled prompts: the
 * candidates' capability anchors (the project's example prompts given to their cards; a vote for the candidate)
 * and the feedback loop's exemplars (prompts with feedback, whose choice labels share the exemplar's vote, each
 * {@code (2·target − 1)} for or against its model in proportion to its weight). The {@code k} most similar prompts
 * vote, weighted by similarity, an exemplar {@value #EXEMPLAR_WEIGHT} times as much as an anchor and times its
 * {@link Locality#nearness(double, double)} (half at {@value #EXEMPLAR_NEAR}): where feedback came only from other
 * kinds of prompts, the nearest exemplars are unrelated ones (cosine 0.15 to 0.25), and they must not outvote the
 * anchors. A candidate's score is its vote over
 * the total weight, in [-1, 1]. Null when there is no prompt vector or nothing to compare with.
 */
public final class CapabilityMatch {

    public static final int K = 7;
    /**
     * An exemplar is a prompt of this deployment's own traffic with a result someone reported; an anchor is a
     * generic example of a kind of work. At equal similarity the exemplar counts double: over 12 seeded splits of
     * the dev distribution (a quarter learned) accuracy rose from 0.913 to 0.917 on average and from 0.899 to 0.905
     * on the worst split; 3 gained nothing more.
     */
    public static final double EXEMPLAR_WEIGHT = 2;
    /**
     * Half-way cosine of an exemplar's nearness. At 0.3 (the learners' default) knn and multi_factor routed 0.900
     * and 0.899 of the dev distribution after a quarter of verdict feedback, at 0.25 0.903 and 0.907, at 0.2 0.898
     * and 0.907 (seed 42); all three kept code and everyday questions in place under skewed corrections.
     */
    public static final double EXEMPLAR_NEAR = 0.25;

    private CapabilityMatch() {
    }

    /**
     * The neighbours' vote.
     *
     * @param shares             per candidate in order, in [-1, 1]
     * @param exemplarNeighbours how many of the neighbours are exemplars: the evidence from feedback near the prompt
     */
    public record Vote(double[] shares, int exemplarNeighbours) {
    }

    /** The vote of the {@value #K} nearest, per candidate in order; null without a prompt vector or neighbours. */
    public static double[] shares(SelectionInput input) {
        Vote vote = vote(input, K);
        return vote == null ? null : vote.shares();
    }

    /** The vote of the {@code k} nearest anchors and exemplars; null without a prompt vector or neighbours. */
    public static Vote vote(SelectionInput input, int k) {
        return vote(input, k, true, null);
    }

    /**
     * The vote of the {@code k} nearest among the anchors (when {@code withAnchors}) and the exemplars that
     * {@code include} admits (null: every one); null without a prompt vector or neighbours.
     */
    public static Vote vote(SelectionInput input, int k, boolean withAnchors,
            Predicate<LearnedState.Exemplar> include) {
        List<Candidate> candidates = input.candidates();
        float[] prompt = input.promptVector();
        if (prompt == null) {
            return null;
        }
        // Ids: anchors first (candidate by candidate), then exemplars.
        int[] anchorOwner = new int[withAnchors ? candidates.stream().mapToInt(c -> c.anchors().size()).sum() : 0];
        Nearest nearest = new Nearest(k);
        int id = 0;
        for (int i = 0; i < candidates.size() && withAnchors; i++) {
            for (float[] anchor : candidates.get(i).anchors()) {
                anchorOwner[id] = i;
                nearest.offer(input.anchorSimilarities().of(prompt, anchor), id++);
            }
        }
        List<LearnedState.Exemplar> exemplars = input.learned().exemplars();
        // The k nearest exemplars can only be among the k nearest of anchors and exemplars together.
        for (ExemplarSimilarities.Neighbour neighbour : input.similarities().of(prompt, input.learned())
                .nearest(k, include)) {
            nearest.offer(neighbour.cosine(), anchorOwner.length + neighbour.position());
        }
        double[] shares = new double[candidates.size()];
        double total = 0;
        int fromExemplars = 0;
        for (int n = 0; n < nearest.size; n++) {
            double weight = Math.max(0, nearest.similarity[n]);
            int item = nearest.item[n];
            if (item < anchorOwner.length) {
                shares[anchorOwner[item]] += weight;
                total += weight;
                continue;
            }
            fromExemplars++;
            weight *= Locality.nearness(nearest.similarity[n], EXEMPLAR_NEAR);
            // One exemplar is one neighbour: its labels share its vote, however many models they name.
            List<LearnedState.Label> labels = exemplars.get(item - anchorOwner.length).choices();
            double labelWeights = labels.stream().mapToDouble(LearnedState.Label::weight).sum();
            for (LearnedState.Label label : labels) {
                int index = input.indexOf(label.model());
                if (index >= 0) {
                    double share = weight * EXEMPLAR_WEIGHT * label.weight() / labelWeights;
                    shares[index] += share * (2 * label.target() - 1);
                    total += share;
                }
            }
        }
        if (total == 0) {
            return null;
        }
        for (int i = 0; i < shares.length; i++) {
            shares[i] /= total;
        }
        return new Vote(shares, fromExemplars);
    }
}
