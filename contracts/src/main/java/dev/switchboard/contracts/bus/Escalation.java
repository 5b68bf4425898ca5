package dev.switchboard.contracts.bus;

import java.util.List;

/**
 * A cascade the HTTP proxy may run instead of one call (AutoMix's self-verification): answer with the selected
 * model, ask that model whether its answer is right, and move to the next model of {@code next} when the
 * verification falls below {@code threshold}. Through ExtProc the gateway calls the model, so there it is ignored.
 *
 * @param threshold the verification score (0 to 1) an answer must reach to be kept
 * @param next      the stronger models to escalate to, in order; the last one's answer is kept unverified
 */
public record Escalation(double threshold, List<String> next) {

    public Escalation {
        next = List.copyOf(next);
    }
}
