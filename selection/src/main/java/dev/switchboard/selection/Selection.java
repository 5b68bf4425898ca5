package dev.switchboard.selection;

import dev.switchboard.contracts.bus.CandidateScore;
import dev.switchboard.contracts.bus.Escalation;
import java.util.List;

/**
 * An algorithm's choice.
 *
 * @param model      the selected candidate
 * @param confidence in [0, 1]: how clearly it won (not a saturating transform of its score)
 * @param scores     every candidate's score with its components, best first
 * @param escalation a cascade for the HTTP proxy to run from {@code model} (automix's self-verification); null
 * @param explored   whether {@code model} is not the algorithm's best guess but its runner-up, tried to learn how it
 *                   does here ({@link Exploration})
 */
public record Selection(String model, double confidence, List<CandidateScore> scores, Escalation escalation,
        boolean explored) {

    public Selection {
        scores = List.copyOf(scores);
    }

    /** A choice served by one call, the algorithm's best guess. */
    public Selection(String model, double confidence, List<CandidateScore> scores) {
        this(model, confidence, scores, null, false);
    }

    /** A choice for the HTTP proxy to escalate from, the algorithm's best guess. */
    public Selection(String model, double confidence, List<CandidateScore> scores, Escalation escalation) {
        this(model, confidence, scores, escalation, false);
    }

    /** A choice served by one call, the best guess or (when {@code choice} explored) the runner-up. */
    public Selection(Exploration.Choice choice, String model, double confidence, List<CandidateScore> scores) {
        this(model, confidence, scores, null, choice.explored());
    }
}
