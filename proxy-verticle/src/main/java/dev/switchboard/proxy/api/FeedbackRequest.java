package dev.switchboard.proxy.api;

import dev.switchboard.contracts.bus.FeedbackSubmission;
import dev.switchboard.proxy.openai.JsonBody;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * Parses and checks the body of {@code POST /api/v1/feedback}:
 * {@code {"request_id", "type", "score"?, "winner"?, "loser"?, "verdict"?, "model"?, "domain"?, "user_id"?}}. Every problem is a
 * message naming the field, for a 400.
 */
public final class FeedbackRequest {


    /** What is wrong with a feedback body, and the field it is wrong in (OpenAI's {@code param}). */
    public static final class InvalidFeedbackException extends Exception {
        private final String param;

        InvalidFeedbackException(String message, String param) {
            super(message);
            this.param = param;
        }

        /** The offending field; null when the body as a whole is wrong. */
        public String param() {
            return param;
        }
    }

    /** A feedback body is a flat object; this leaves room for what clients add beside the fields. */
    static final int MAX_DEPTH = 16;
    /** A domain is a category name; the learned examples are kept per domain, so names stay short. */
    static final int MAX_DOMAIN_LENGTH = 64;

    private FeedbackRequest() {
    }

    public static FeedbackSubmission parse(Buffer body) throws InvalidFeedbackException {
        JsonObject json;
        try {
            json = JsonBody.parse(body, MAX_DEPTH, "a feedback body is flat");
        } catch (JsonBody.InvalidJsonException e) {
            throw new InvalidFeedbackException(e.getMessage()
                    + "; the body must be a JSON object with 'request_id' and 'type'", null);
        }
        String requestId = text(json, "request_id", true);
        String type = text(json, "type", true);
        if (!FeedbackSubmission.TYPES.contains(type)) {
            throw new InvalidFeedbackException("'type' must be one of " + FeedbackSubmission.TYPES + ", got '" + type
                    + "'", "type");
        }
        Double score = null;
        String winner = null;
        String loser = null;
        String verdict = null;
        String model = null;
        String domain = null;
        switch (type) {
            case FeedbackSubmission.RATING -> {
                if (!(json.getValue("score") instanceof Number number)) {
                    throw new InvalidFeedbackException("'score' must be a number from 0 to 1 for a rating", "score");
                }
                score = number.doubleValue();
                if (!(score >= 0 && score <= 1)) {
                    throw new InvalidFeedbackException("'score' must be from 0 to 1, got " + score, "score");
                }
            }
            case FeedbackSubmission.PAIRWISE -> {
                winner = text(json, "winner", true);
                loser = text(json, "loser", true);
                if (winner.equals(loser)) {
                    throw new InvalidFeedbackException("'winner' and 'loser' must be different models", "loser");
                }
            }
            case FeedbackSubmission.VERDICT -> {
                verdict = text(json, "verdict", true);
                if (!FeedbackSubmission.VERDICTS.contains(verdict)) {
                    throw new InvalidFeedbackException("'verdict' must be one of " + FeedbackSubmission.VERDICTS
                            + ", got '" + verdict + "'", "verdict");
                }
            }
            case FeedbackSubmission.CORRECTIVE -> model = text(json, "model", true);
            case FeedbackSubmission.DOMAIN -> {
                domain = text(json, "domain", true);
                if (domain.length() > MAX_DOMAIN_LENGTH) {
                    throw new InvalidFeedbackException("'domain' must be at most " + MAX_DOMAIN_LENGTH
                            + " characters", "domain");
                }
            }
            default -> {
                // thumbs carry nothing else
            }
        }
        return new FeedbackSubmission(requestId, type, score, winner, loser, verdict, model,
                text(json, "user_id", false), domain);
    }

    private static String text(JsonObject json, String field, boolean required) throws InvalidFeedbackException {
        Object value = json.getValue(field);
        if (value == null && !required) {
            return null;
        }
        if (!(value instanceof String s) || s.isBlank() || s.length() > 256) {
            throw new InvalidFeedbackException("'" + field + "' must be a non-empty string of at most 256 characters",
                    field);
        }
        return s;
    }
}
