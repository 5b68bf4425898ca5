package dev.switchboard.selection;

import dev.switchboard.contracts.bus.CandidateScore;
import java.util.Comparator;
import java.util.List;

/** Shared steps of algorithms: ordering candidate scores and a confidence from the winner's margin. */
public final class Scores {

    private Scores() {
    }

    /** Best first; ties keep the modelRefs order. */
    public static List<CandidateScore> bestFirst(List<CandidateScore> scores) {
        return scores.stream().sorted(Comparator.comparingDouble(CandidateScore::score).reversed()).toList();
    }

    /**
     * 0.5 when the two best are tied, rising with the winner's relative margin to 1; 1 for a lone candidate. Unlike
     * a sigmoid of the raw score, it says how clearly the winner won.
     */
    public static double marginConfidence(List<CandidateScore> bestFirst) {
        if (bestFirst.size() < 2) {
            return 1.0;
        }
        double best = bestFirst.get(0).score();
        double second = bestFirst.get(1).score();
        double scale = Math.max(Math.abs(best), 1e-9);
        return Math.max(0, Math.min(1, 0.5 + 0.5 * (best - second) / scale));
    }

    /**
     * How cheap each candidate is, min-max over the candidates' prompt prices: 1 the cheapest, 0 the dearest, 0.5
     * when all cost the same; a candidate without a price counts as the dearest. Null when no candidate has a price.
     */
    public static double[] cheapness(List<Candidate> candidates) {
        Double[] prices = candidates.stream().map(Candidate::promptPrice).toArray(Double[]::new);
        return Normalise.minMax(prices, true);
    }
}
