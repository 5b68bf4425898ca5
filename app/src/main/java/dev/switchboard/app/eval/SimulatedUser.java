package dev.switchboard.app.eval;

import dev.switchboard.contracts.bus.FeedbackSubmission;
import java.util.List;
import java.util.Map;

/**
 * What the evaluation's simulated user sends back after a routed request, knowing the model that should have
 * answered (the label's):
 * <ul>
 * <li>{@code binary}: a verdict on the routed model, {@code good_fit} or {@code failed} (the evaluation's
 * behaviour before verdicts had directions);</li>
 * <li>{@code verdict}: a verdict on the routed model with its direction: {@code good_fit}; {@code underpowered}
 * when the right model is stronger, {@code overprovisioned} when it is weaker (by the config's strength order,
 * {@code ModelStrength}); {@code failed} when the order does not tell;</li>
 * <li>{@code corrective}: the model that should have answered.</li>
 * </ul>
 */
public enum SimulatedUser {
    BINARY, VERDICT, CORRECTIVE;

    /** The mode named on the command line. */
    public static SimulatedUser named(String name) {
        for (SimulatedUser mode : values()) {
            if (mode.name().equalsIgnoreCase(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("--feedback expects one of " + List.of("binary", "verdict", "corrective")
                + ", got '" + name + "'");
    }

    /** The feedback on request {@code requestId}, routed to {@code routed} where {@code right} should have served. */
    public FeedbackSubmission feedback(String requestId, String routed, String right, Map<String, Double> strength) {
        return switch (this) {
            case CORRECTIVE -> new FeedbackSubmission(requestId, FeedbackSubmission.CORRECTIVE, null, null, null,
                    null, right, null);
            case BINARY -> verdict(requestId, routed.equals(right) ? FeedbackSubmission.GOOD_FIT
                    : FeedbackSubmission.FAILED);
            case VERDICT -> verdict(requestId, direction(routed, right, strength));
        };
    }

    private static String direction(String routed, String right, Map<String, Double> strength) {
        if (routed.equals(right)) {
            return FeedbackSubmission.GOOD_FIT;
        }
        Double served = strength.get(routed);
        Double needed = strength.get(right);
        if (served == null || needed == null || served.equals(needed)) {
            return FeedbackSubmission.FAILED;
        }
        return needed > served ? FeedbackSubmission.UNDERPOWERED : FeedbackSubmission.OVERPROVISIONED;
    }

    private static FeedbackSubmission verdict(String requestId, String verdict) {
        return new FeedbackSubmission(requestId, FeedbackSubmission.VERDICT, null, null, null, verdict, null, null);
    }
}
