package dev.switchboard.contracts.bus;

import java.util.List;

/**
 * Body of {@link Addresses#FEEDBACK_SUBMIT}: explicit feedback on one routed request ({@code POST /api/v1/feedback}).
 *
 * @param requestId the request's id, from its {@code x-switchboard-request-id} response header
 * @param type      {@code thumbs_up}, {@code thumbs_down}, {@code rating}, {@code pairwise}, {@code verdict} or
 *                  {@code corrective}
 * @param score     {@code rating} only: from 0 (bad) to 1 (good)
 * @param winner    {@code pairwise} only: the better model
 * @param loser     {@code pairwise} only: the worse model
 * @param verdict   {@code verdict} only: {@code good_fit}, {@code underpowered}, {@code overprovisioned} or
 *                  {@code failed}
 * @param model     {@code corrective} only: the model that should have answered
 * @param userId    who gave it; nullable
 * @param domain    {@code domain} only: the subject the prompt is really about (an MMLU-Pro category such as
 *                  {@code law}, or a custom domain's name); the router learns the prompt as an example of it
 */
public record FeedbackSubmission(
        String requestId,
        String type,
        Double score,
        String winner,
        String loser,
        String verdict,
        String model,
        String userId,
        String domain) {

    public static final String THUMBS_UP = "thumbs_up";
    public static final String THUMBS_DOWN = "thumbs_down";
    public static final String RATING = "rating";
    public static final String PAIRWISE = "pairwise";
    public static final String VERDICT = "verdict";
    public static final String CORRECTIVE = "corrective";
    /** The prompt's subject, for the domain signal: says nothing about the model that answered. */
    public static final String DOMAIN = "domain";

    /** Every feedback type, in the order the API documents them. */
    public static final List<String> TYPES = List.of(THUMBS_UP, THUMBS_DOWN, RATING, PAIRWISE,
            VERDICT, CORRECTIVE, DOMAIN);

    public static final String GOOD_FIT = "good_fit";
    public static final String UNDERPOWERED = "underpowered";
    public static final String OVERPROVISIONED = "overprovisioned";
    public static final String FAILED = "failed";

    /** Feedback on a model's answer, without a domain. */
    public FeedbackSubmission(String requestId, String type, Double score, String winner, String loser,
            String verdict, String model, String userId) {
        this(requestId, type, score, winner, loser, verdict, model, userId, null);
    }

    /** The verdicts: the answer was right for the prompt, too weak, more than needed, or wrong. */
    public static final List<String> VERDICTS = List.of(GOOD_FIT, UNDERPOWERED, OVERPROVISIONED,
            FAILED);
}
