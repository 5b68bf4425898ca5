package dev.switchboard.selection;

import dev.switchboard.contracts.bus.LearnedState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Predicts, for this prompt, how well each candidate would do, from the feedback loop's exemplars: the k remembered
 * prompts nearest to it that the candidate served vote with the rewards they earned, weighted by similarity, shrunk
 * toward 0.5 by one pseudo-vote (so two lucky neighbours do not make a certainty). A candidate with fewer than
 * {@code minExemplars} exemplars gets no prediction. Used by {@code knn} and as {@code multi_factor}'s quality once
 * there is feedback: it says whether a cheaper model suffices for prompts like this one.
 */
public final class PromptQuality {

    private PromptQuality() {
    }

    /**
     * Predicted reward in (0, 1) per candidate, in order; null entries where there is not enough data. Null when
     * there is no prompt vector.
     */
    public static Double[] predict(SelectionInput input, int k, int minExemplars) {
        if (input.promptVector() == null) {
            return null;
        }
        List<Candidate> candidates = input.candidates();
        List<PriorityQueue<double[]>> nearest = new ArrayList<>();
        int[] seen = new int[candidates.size()];
        for (int i = 0; i < candidates.size(); i++) {
            // Min-heap on similarity: the k best so far, the weakest on top.
            nearest.add(new PriorityQueue<>(Comparator.comparingDouble((double[] pair) -> pair[0])));
        }
        float[] prompt = input.promptVector();
        for (LearnedState.Exemplar exemplar : input.learned().exemplars()) {
            // The router keeps only exemplars of its own embedding model; the length check guards the rest.
            if (exemplar.vector().length != prompt.length) {
                continue;
            }
            int index = indexOf(candidates, exemplar.model());
            if (index < 0) {
                continue;
            }
            seen[index]++;
            double similarity = Vectors.dot(prompt, exemplar.vector());
            PriorityQueue<double[]> heap = nearest.get(index);
            if (heap.size() < k) {
                heap.add(new double[] {similarity, exemplar.reward()});
            } else if (similarity > heap.peek()[0]) {
                heap.poll();
                heap.add(new double[] {similarity, exemplar.reward()});
            }
        }
        Double[] predicted = new Double[candidates.size()];
        for (int i = 0; i < candidates.size(); i++) {
            if (seen[i] < Math.max(1, minExemplars)) {
                continue;
            }
            double weighted = 0.5;
            double weights = 1;
            for (double[] pair : nearest.get(i)) {
                double weight = Math.max(0, pair[0]);
                weighted += weight * pair[1];
                weights += weight;
            }
            predicted[i] = weighted / weights;
        }
        return predicted;
    }

    private static int indexOf(List<Candidate> candidates, String model) {
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.get(i).model().equals(model)) {
                return i;
            }
        }
        return -1;
    }
}
