package dev.switchboard.proxy;

import dev.switchboard.contracts.health.Readiness;
import dev.switchboard.proxy.openai.ApiError;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * The operational endpoints: {@code /health} (the process is up), {@code /ready} and {@code /metrics}; GET or HEAD.
 * The probes are always open; {@code /metrics} can require a token ({@code global.proxy.auth.metrics_token_env}).
 */
public final class OpsRoutes {

    /** What a client is told to wait before retrying while the pipeline starts. */
    static final String STARTING_RETRY_AFTER_SECONDS = "1";

    private OpsRoutes() {
    }

    /** Adds the operational routes to {@code router}; used by the proxy and by the launcher's start-up probe. */
    public static Router mount(Router router, Readiness readiness, String metricsRegistry,
            Handler<RoutingContext> metricsAuth) {
        // HEAD as well as GET: load balancers and uptime checkers probe with either.
        router.route("/health").method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(rc -> json(rc, 200, new JsonObject().put("status", "up")));
        router.route("/ready").method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(rc -> json(rc, readiness.isReady() ? 200 : 503, readiness.toJson()));
        router.get("/metrics").handler(metricsAuth).handler(PrometheusScrapingHandler.create(metricsRegistry));
        return router;
    }

    /**
     * The routes of the start-up probe, the HTTP port's owner until the pipeline is ready: the operational ones,
     * and for every other request 503 with {@code Retry-After}, so that a client retries instead of taking a 404
     * for an answer (after a restart under load clients otherwise saw a thousand 404s).
     */
    public static Router mountStarting(Router router, Readiness readiness, String metricsRegistry,
            Handler<RoutingContext> metricsAuth) {
        mount(router, readiness, metricsRegistry, metricsAuth);
        router.route().handler(rc -> {
            rc.response().putHeader(HttpHeaders.RETRY_AFTER, STARTING_RETRY_AFTER_SECONDS);
            json(rc, 503, ApiError.of("Switchboard is starting; retry shortly", ApiError.SERVER_ERROR,
                    "starting"));
        });
        return router;
    }

    /** The body, or for HEAD only its length: Vert.x would send the body after a HEAD's headers. */
    private static void json(RoutingContext rc, int status, JsonObject body) {
        Buffer bytes = body.toBuffer();
        HttpServerResponse response = rc.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        if (rc.request().method() == HttpMethod.HEAD) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(bytes.length())).end();
        } else {
            response.end(bytes);
        }
    }
}
