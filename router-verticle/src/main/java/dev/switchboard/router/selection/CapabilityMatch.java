package dev.switchboard.router.selection;

import dev.switchboard.router.signals.Vectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How well each candidate's capability anchors fit the prompt: the {@value #K} anchors (example prompts of the
 * capabilities given to the candidates' cards) most similar to the prompt vote for their candidate, weighted by
 * similarity; a candidate's score is its share of the vote. Null when no candidate has anchors or there is no
 * prompt vector.
 */
final class CapabilityMatch {

    static final int K = 7;

    private CapabilityMatch() {
    }

    static double[] shares(SelectionInput input) {
        List<Candidate> candidates = input.candidates();
        if (input.promptVector() == null || candidates.stream().allMatch(c -> c.anchors().isEmpty())) {
            return null;
        }
        List<double[]> similarities = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            for (float[] anchor : candidates.get(i).anchors()) {
                similarities.add(new double[] {Vectors.dot(input.promptVector(), anchor), i});
            }
        }
        similarities.sort(Comparator.comparingDouble((double[] s) -> -s[0]));
        double[] votes = new double[candidates.size()];
        double total = 0;
        for (int n = 0; n < Math.min(K, similarities.size()); n++) {
            double weight = Math.max(0, similarities.get(n)[0]);
            votes[(int) similarities.get(n)[1]] += weight;
            total += weight;
        }
        if (total == 0) {
            return null;
        }
        for (int i = 0; i < votes.length; i++) {
            votes[i] /= total;
        }
        return votes;
    }
}
