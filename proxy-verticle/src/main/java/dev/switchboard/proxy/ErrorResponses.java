package dev.switchboard.proxy;

import dev.switchboard.proxy.openai.ApiError;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error the HTTP port answers itself is an OpenAI-style JSON body, as a client of that API expects: unknown
 * paths (404), known paths with another method (405, with {@code Allow}), a query string with a broken
 * {@code %} escape (400), a body over its route's limit (413, naming that route's limit), a body that took too long
 * (408) and anything that failed inside a handler (500). Nothing of the request (query, body) is logged or echoed
 * except the method and path.
 */
public final class ErrorResponses {

    private static final Logger LOGGER = LoggerFactory.getLogger(ErrorResponses.class);
    static final String NOT_FOUND = "not_found";
    static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    static final String INVALID_QUERY = "invalid_query_string";

    private ErrorResponses() {
    }

    /** Installs the JSON error answers and the query check, before any other route of {@code router}. */
    public static Router install(Router router) {
        router.route().order(-1).handler(ErrorResponses::checkQuery);
        router.errorHandler(404, rc -> send(rc, 404, ApiError.of("Invalid URL (" + rc.request().method().name()
                + " " + rc.request().path() + ")", ApiError.INVALID_REQUEST, NOT_FOUND)));
        router.errorHandler(405, rc -> send(rc, 405, ApiError.of(rc.request().method().name() + " is not allowed on "
                + rc.request().path(), ApiError.INVALID_REQUEST, METHOD_NOT_ALLOWED)));
        router.errorHandler(400, rc -> send(rc, 400, ApiError.of("the request is malformed",
                ApiError.INVALID_REQUEST, "bad_request")));
        router.errorHandler(413, rc -> {
            RequestBodies.Limit limit = rc.get(RequestBodies.LIMIT);
            send(rc, 413, limit == null ? ApiError.of("the request body is too large", ApiError.INVALID_REQUEST,
                    ApiError.REQUEST_TOO_LARGE) : limit.error());
        });
        router.errorHandler(500, rc -> {
            // The class only: an exception's message may quote the query or the body.
            LOGGER.atError().setMessage("http_handler_failed").addKeyValue("method", rc.request().method().name())
                    .addKeyValue("route", rc.currentRoute() == null ? null : rc.currentRoute().getPath())
                    .addKeyValue("error", rc.failure() == null ? null : rc.failure().getClass().getName()).log();
            send(rc, 500, ApiError.of("the server failed to handle the request", ApiError.SERVER_ERROR,
                    "internal_error"));
        });
        return router;
    }

    /** Decodes the query string once, so that a broken escape is the client's 400 and not a handler's 500. */
    private static void checkQuery(RoutingContext rc) {
        try {
            rc.queryParams();
        } catch (IllegalArgumentException | HttpException e) {
            send(rc, 400, ApiError.of("the query string is not validly percent-encoded", ApiError.INVALID_REQUEST,
                    INVALID_QUERY));
            return;
        }
        rc.next();
    }

    /** Answers with {@code body}, or resets the stream when an answer has already begun; completes when sent. */
    public static Future<Void> send(RoutingContext rc, int status, JsonObject body) {
        if (rc.response().headWritten()) {
            rc.response().reset();
            return Future.succeededFuture();
        }
        return rc.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(body.encode());
    }
}
