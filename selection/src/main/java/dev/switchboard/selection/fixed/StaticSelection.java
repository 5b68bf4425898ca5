package dev.switchboard.selection.fixed;

import dev.switchboard.contracts.bus.CandidateScore;
import dev.switchboard.selection.Candidate;
import dev.switchboard.selection.Scores;
import dev.switchboard.selection.Selection;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.selection.SelectionInput;
import java.util.List;
import java.util.Map;

/** {@code static}: the candidate with the highest modelRef weight; the first listed when weights tie. */
public final class StaticSelection implements SelectionAlgorithm {

    @Override
    public Selection select(SelectionInput input) {
        double total = input.candidates().stream().mapToDouble(Candidate::weight).sum();
        List<CandidateScore> scores = Scores.bestFirst(input.candidates().stream()
                .map(c -> new CandidateScore(c.model(), c.weight(), Map.of("weight", c.weight()))).toList());
        double confidence = input.candidates().size() == 1 ? 1.0 : total > 0 ? scores.get(0).score() / total : 0;
        return new Selection(scores.get(0).model(), confidence, scores);
    }
}
