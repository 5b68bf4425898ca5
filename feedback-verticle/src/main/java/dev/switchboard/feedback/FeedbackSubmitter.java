package dev.switchboard.feedback;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.FailureCode;
import dev.switchboard.contracts.bus.FeedbackSubmission;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;

/**
 * Submits feedback on {@link Addresses#FEEDBACK_SUBMIT} for a request routed a moment ago, as the evaluation and the
 * replay benchmark do. The router records its decision only after the prompt is embedded, so feedback sent right
 * after the answer can find no decision yet (NOT_FOUND): it is retried every {@value #RETRY_MS} ms for up to
 * {@value #ATTEMPTS} attempts. Any other failure ends it at once.
 */
public final class FeedbackSubmitter {

    private static final int RETRY_MS = 50;
    private static final int ATTEMPTS = 200;

    private FeedbackSubmitter() {
    }

    /** Completes when the feedback verticle accepted the submission. */
    public static Future<Void> submitOnceRecorded(Vertx vertx, FeedbackSubmission feedback) {
        return submit(vertx, feedback, 1);
    }

    private static Future<Void> submit(Vertx vertx, FeedbackSubmission feedback, int attempt) {
        return vertx.eventBus().request(Addresses.FEEDBACK_SUBMIT, feedback).<Void>mapEmpty().recover(failure -> {
            if (failure instanceof ReplyException e && FailureCode.of(e.failureCode()) == FailureCode.NOT_FOUND
                    && attempt < ATTEMPTS) {
                return vertx.timer(RETRY_MS).compose(v -> submit(vertx, feedback, attempt + 1));
            }
            return Future.failedFuture(failure);
        });
    }
}
