package dev.switchboard.proxy.api;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.FailureCode;
import dev.switchboard.contracts.bus.FeedbackReceipt;
import dev.switchboard.contracts.bus.FeedbackSubmission;
import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.proxy.ErrorResponses;
import dev.switchboard.proxy.RequestBodies;
import dev.switchboard.proxy.openai.ApiError;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code POST /api/v1/feedback} (explicit feedback on a routed request, by the id of its
 * {@code x-switchboard-request-id} header; 202 when accepted, 400 for a bad body, 404 for an unknown request id) and
 * {@code GET /api/v1/ratings[?decision=NAME]} (what has been learned: per model its Elo rating, Beta counts and
 * comparisons, best first). Each can require its own {@code Authorization: Bearer <token>}
 * ({@code global.proxy.auth}, {@link ApiAccess}).
 */
public final class FeedbackApi {

    private static final long FEEDBACK_BODY_LIMIT = 16 * 1024;

    private final Vertx vertx;
    private final BearerAuth feedbackAuth;
    private final BearerAuth ratingsAuth;
    private final RequestBodies bodies;
    private final AtomicReference<LearnedState> learned = new AtomicReference<>(LearnedState.EMPTY);

    public FeedbackApi(Vertx vertx, ApiAccess access, RequestBodies bodies) {
        this.vertx = vertx;
        this.feedbackAuth = access.feedback();
        this.ratingsAuth = access.ratings();
        this.bodies = bodies;
    }

    public Router mount(Router router) {
        vertx.eventBus().<LearnedState>localConsumer(Addresses.ROUTER_LEARNING, message -> offer(message.body()));
        // What was published before this API existed (the state caught up at start), if a feedback verticle runs.
        vertx.eventBus().<LearnedState>request(Addresses.LEARNED_STATE_CURRENT, null)
                .onSuccess(reply -> offer(reply.body()));
        bodies.read(router.post("/api/v1/feedback"), FEEDBACK_BODY_LIMIT, "the feedback API's limit")
                .handler(feedbackAuth).handler(this::feedback);
        router.get("/api/v1/ratings").handler(ratingsAuth).handler(this::ratings);
        return router;
    }

    /** What the learners last published (empty until they do). */
    public LearnedState learnedState() {
        return learned.get();
    }

    private void offer(LearnedState next) {
        learned.updateAndGet(current -> next.version() >= current.version() ? next : current);
    }

    private void feedback(RoutingContext rc) {
        FeedbackSubmission submission;
        try {
            submission = FeedbackRequest.parse(rc.body().buffer());
        } catch (FeedbackRequest.InvalidFeedbackException e) {
            ErrorResponses.send(rc, 400, ApiError.of(e.getMessage(), ApiError.INVALID_REQUEST, "invalid_feedback",
                    e.param()));
            return;
        }
        vertx.eventBus().<FeedbackReceipt>request(Addresses.FEEDBACK_SUBMIT, submission,
                new DeliveryOptions().setSendTimeout(2_000)).onComplete(reply -> {
                    if (reply.succeeded()) {
                        FeedbackReceipt receipt = reply.result().body();
                        ErrorResponses.send(rc, 202, new JsonObject().put("status", "accepted").put("event_id", receipt.eventId())
                                .put("request_id", receipt.requestId()).put("model", receipt.model())
                                .put("decision", receipt.decision()));
                    } else if (reply.cause() instanceof ReplyException e
                            && FailureCode.of(e.failureCode()) == FailureCode.NOT_FOUND) {
                        ErrorResponses.send(rc, 404, ApiError.of(e.getMessage(), ApiError.INVALID_REQUEST, "request_not_found"));
                    } else if (reply.cause() instanceof ReplyException e
                            && FailureCode.of(e.failureCode()) == FailureCode.INVALID_ARGUMENT) {
                        ErrorResponses.send(rc, 400, ApiError.of(e.getMessage(), ApiError.INVALID_REQUEST, "invalid_feedback"));
                    } else {
                        ErrorResponses.send(rc, 503, ApiError.of("feedback cannot be recorded right now",
                                ApiError.SERVER_ERROR, "feedback_unavailable"));
                    }
                });
    }

    private void ratings(RoutingContext rc) {
        String scope = rc.request().getParam("decision", LearnedState.GLOBAL);
        LearnedState state = learned.get();
        JsonArray models = new JsonArray();
        state.byScope().getOrDefault(scope, Map.of()).entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, LearnedState.ModelStats> e) ->
                        -e.getValue().rating()).thenComparing(Map.Entry::getKey))
                .forEach(e -> {
                    LearnedState.ModelStats s = e.getValue();
                    double total = s.successes() + s.failures();
                    models.add(new JsonObject().put("model", e.getKey()).put("rating", round(s.rating()))
                            .put("successes", round(s.successes())).put("failures", round(s.failures()))
                            .put("success_rate", total == 0 ? null : round(s.successes() / total))
                            .put("comparisons", s.comparisons()));
                });
        ErrorResponses.send(rc, 200, new JsonObject().put("scope", scope).put("version", state.version())
                .put("exemplars", state.exemplars().size()).put("models", models));
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
