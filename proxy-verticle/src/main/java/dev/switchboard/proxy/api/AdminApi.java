package dev.switchboard.proxy.api;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.ConfigReload;
import dev.switchboard.proxy.ErrorResponses;
import dev.switchboard.proxy.openai.ApiError;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The admin API, behind {@code global.proxy.auth.admin_token_env}: {@code POST /api/v1/config/reload} reads the
 * config file now (a Kubernetes ConfigMap update or a deploy script need not wait for the next poll) and answers
 * 200 with {@code status} applied or unchanged and the revision in force, 422 with the problems when the file is
 * rejected (the running config stays), 409 when hot reload is off.
 */
public final class AdminApi {

    public static final String RELOAD_PATH = "/api/v1/config/reload";
    /** Reading and validating a file takes milliseconds; a watcher that does not answer in this time is stuck. */
    private static final long RELOAD_TIMEOUT_MS = 10_000;

    private final Vertx vertx;
    private final BearerAuth auth;

    public AdminApi(Vertx vertx, BearerAuth auth) {
        this.vertx = vertx;
        this.auth = auth;
    }

    public Router mount(Router router) {
        router.post(RELOAD_PATH).handler(auth).handler(this::reload);
        return router;
    }

    private void reload(RoutingContext rc) {
        vertx.eventBus().<ConfigReload>request(Addresses.CONFIG_RELOAD, "reload",
                new DeliveryOptions().setSendTimeout(RELOAD_TIMEOUT_MS)).onComplete(reply -> {
                    if (reply.succeeded()) {
                        ConfigReload result = reply.result().body();
                        ErrorResponses.send(rc, ConfigReload.REJECTED.equals(result.status()) ? 422 : 200, new JsonObject()
                                .put("status", result.status()).put("revision", result.revision())
                                .put("problems", new JsonArray(result.problems())));
                    } else if (reply.cause() instanceof ReplyException e && e.failureType() == ReplyFailure.NO_HANDLERS) {
                        ErrorResponses.send(rc, 409, ApiError.of("hot reload is off (global.reload.enabled: false); restart to "
                                + "apply a new config", ApiError.INVALID_REQUEST, "reload_disabled"));
                    } else {
                        ErrorResponses.send(rc, 503, ApiError.of("the config watcher did not answer", ApiError.SERVER_ERROR,
                                "reload_unavailable"));
                    }
                });
    }
}
