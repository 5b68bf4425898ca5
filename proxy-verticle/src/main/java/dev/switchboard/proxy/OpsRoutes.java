package dev.switchboard.proxy;

import dev.switchboard.contracts.health.Readiness;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;

/** The operational endpoints: {@code /health} (the process is up), {@code /ready} and {@code /metrics}. */
public final class OpsRoutes {

    private OpsRoutes() {
    }

    /** Adds the operational routes to {@code router}; used by the proxy and by the launcher's start-up probe. */
    public static Router mount(Router router, Readiness readiness, String metricsRegistry) {
        router.get("/health").handler(rc -> json(rc.response(), 200, new JsonObject().put("status", "up")));
        router.get("/ready").handler(rc -> json(rc.response(), readiness.isReady() ? 200 : 503, readiness.toJson()));
        router.get("/metrics").handler(PrometheusScrapingHandler.create(metricsRegistry));
        return router;
    }

    private static void json(io.vertx.core.http.HttpServerResponse response, int status, JsonObject body) {
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.encode());
    }
}
