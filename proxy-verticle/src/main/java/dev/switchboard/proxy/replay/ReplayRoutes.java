package dev.switchboard.proxy.replay;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.DecisionRecord;
import dev.switchboard.contracts.bus.OutcomeEvent;
import dev.switchboard.proxy.ErrorResponses;
import dev.switchboard.proxy.api.BearerAuth;
import dev.switchboard.proxy.openai.ApiError;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code GET /v1/router_replay[?decision=&model=&reason=&session_id=&limit=]} (the newest records first, at most
 * {@code limit}: default {@value #DEFAULT_LIMIT}, at most {@value #MAX_LIMIT}) and {@code GET /v1/router_replay/{id}}
 * (one record by its request id; 404 when it is not kept), as the reference serves them: a list is
 * {@code {"object": "list", "data": [...]}}. Behind the dashboard's access (the admin token when one is set): the
 * records hold routing facts and outcomes, never prompts.
 */
public final class ReplayRoutes {

    public static final String PATH = "/v1/router_replay";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;
    private static final String LIMIT = "limit";

    private final Vertx vertx;
    private final BearerAuth auth;
    private final RouterReplay replay;

    public ReplayRoutes(Vertx vertx, BearerAuth auth, RouterReplay replay) {
        this.vertx = vertx;
        this.auth = auth;
        this.replay = replay;
    }

    public Router mount(Router router) {
        vertx.eventBus().<DecisionRecord>localConsumer(Addresses.FEEDBACK_DECISION, m -> replay.onDecision(m.body()));
        vertx.eventBus().<OutcomeEvent>localConsumer(Addresses.FEEDBACK_OUTCOME, m -> replay.onOutcome(m.body()));
        router.get(PATH).handler(auth).handler(this::list);
        router.get(PATH + "/").handler(auth).handler(this::list);
        router.get(PATH + "/:id").handler(auth).handler(this::one);
        return router;
    }

    private void list(RoutingContext rc) {
        int limit = DEFAULT_LIMIT;
        String asked = rc.queryParams().get(LIMIT);
        if (asked != null) {
            try {
                limit = Integer.parseInt(asked);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                ErrorResponses.send(rc, 400, ApiError.of("'limit' must be a whole number from 1 to " + MAX_LIMIT
                        + ", got '" + asked + "'", ApiError.INVALID_REQUEST, "invalid_limit", LIMIT));
                return;
            }
        }
        String decision = rc.queryParams().get(ReplayRecord.Fields.DECISION);
        String model = rc.queryParams().get(ReplayRecord.Fields.MODEL);
        String reason = rc.queryParams().get(ReplayRecord.Fields.REASON);
        String session = rc.queryParams().get(ReplayRecord.Fields.SESSION_ID);
        List<ReplayRecord> records = replay.list(r -> r.matches(decision, model, reason, session), limit);
        JsonArray data = new JsonArray();
        records.forEach(record -> data.add(record.toJson()));
        ErrorResponses.send(rc, 200, new JsonObject().put("object", "list").put("data", data));
    }

    private void one(RoutingContext rc) {
        String id = rc.pathParam("id");
        replay.get(id).ifPresentOrElse(record -> ErrorResponses.send(rc, 200, record.toJson()),
                () -> ErrorResponses.send(rc, 404, ApiError.of("no replay record is kept for request id '" + id
                        + "'", ApiError.INVALID_REQUEST, "record_not_found")));
    }
}
