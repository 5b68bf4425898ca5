package dev.switchboard.contracts.bus;

/**
 * Body of {@link Addresses#FEEDBACK_SUBMIT}: explicit feedback on one routed request ({@code POST /api/v1/feedback}).
 *
 * @param requestId the request's id, from its {@code x-switchboard-request-id} response header
 * @param type      {@code thumbs_up}, {@code thumbs_down}, {@code rating}, {@code pairwise} or {@code verdict}
 * @param score     {@code rating} only: from 0 (bad) to 1 (good)
 * @param winner    {@code pairwise} only: the better model
 * @param loser     {@code pairwise} only: the worse model
 * @param verdict   {@code verdict} only: {@code good_fit}, {@code underpowered}, {@code overprovisioned} or
 *                  {@code failed}
 * @param userId    who gave it; nullable
 */
public record FeedbackSubmission(
        String requestId,
        String type,
        Double score,
        String winner,
        String loser,
        String verdict,
        String userId) {
}
