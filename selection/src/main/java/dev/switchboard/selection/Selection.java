package dev.switchboard.selection;

import dev.switchboard.contracts.bus.CandidateScore;
import java.util.List;

/**
 * An algorithm's choice.
 *
 * @param model      the selected candidate
 * @param confidence in [0, 1]: how clearly it won (not a saturating transform of its score)
 * @param scores     every candidate's score with its components, best first
 */
public record Selection(String model, double confidence, List<CandidateScore> scores) {

    public Selection {
        scores = List.copyOf(scores);
    }
}
