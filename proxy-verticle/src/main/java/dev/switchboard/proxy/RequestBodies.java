package dev.switchboard.proxy;

import dev.switchboard.proxy.openai.ApiError;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.PlatformHandler;
import java.time.Duration;

/**
 * How the HTTP routes that take a body read it: bounded in bytes (413 naming the route's own limit) and in time
 * ({@code request_timeout}: a client that sends its body slowly, or stops half-way, gets 408 and its connection is
 * closed, instead of holding the connection and the buffered bytes for as long as it likes).
 */
public final class RequestBodies {

    /** The routing-context key under which the route's limit waits for the 413 answer. */
    static final String LIMIT = "switchboard.body_limit";
    static final String REQUEST_TIMEOUT = "request_timeout";

    /** A route's body limit and the setting that configures it. */
    record Limit(long maxBytes, String setting) {
        JsonObject error() {
            return ApiError.tooLarge(maxBytes, setting);
        }
    }

    private final Vertx vertx;
    private final Duration timeout;
    private final String timeoutSetting;

    /**
     * @param timeout        the longest a body may take to arrive
     * @param timeoutSetting the config key of {@code timeout}, named in the 408 answer
     */
    RequestBodies(Vertx vertx, Duration timeout, String timeoutSetting) {
        this.vertx = vertx;
        this.timeout = timeout;
        this.timeoutSetting = timeoutSetting;
    }

    /** Adds the handlers that read the body to {@code route}; the route's next handler has it whole. */
    public Route read(Route route, long maxBytes, String setting) {
        return route.handler(new Deadline(new Limit(maxBytes, setting)))
                .handler(BodyHandler.create(false).setBodyLimit(maxBytes)).handler(rc -> {
                    vertx.cancelTimer(rc.<Long>get(REQUEST_TIMEOUT));
                    rc.next();
                }).failureHandler(RequestBodies::unreadable);
    }

    /**
     * A body the HTTP/1 decoder could not read (a chunk size that is not hex): the body handler fails the request
     * with status 200 and the decoder's exception, for which Vert.x-web has no error handler and logs the stack
     * trace, once per such request. The connection is already closed; if not, the client gets a 400. Any other
     * failure goes on to the error handlers.
     */
    private static void unreadable(RoutingContext rc) {
        if (rc.statusCode() != 200 || rc.failure() == null) {
            rc.next();
            return;
        }
        if (!rc.response().closed() && !rc.response().headWritten()) {
            rc.response().putHeader(HttpHeaders.CONNECTION, "close");
            ErrorResponses.send(rc, 400, ApiError.of("the request body could not be read: it is not validly "
                    + "framed", ApiError.INVALID_REQUEST, "bad_request"))
                    .onComplete(sent -> rc.request().connection().close());
        }
    }

    /** Starts the body's clock; a platform handler, as Vert.x-web requires of what runs before a body handler. */
    private final class Deadline implements PlatformHandler {
        private final Limit limit;

        Deadline(Limit limit) {
            this.limit = limit;
        }

        @Override
        public void handle(RoutingContext rc) {
            rc.put(LIMIT, limit);
            long timer = vertx.setTimer(timeout.toMillis(), id -> tooSlow(rc));
            rc.put(REQUEST_TIMEOUT, timer);
            rc.addEndHandler(done -> vertx.cancelTimer(timer));
            rc.next();
        }
    }

    private void tooSlow(RoutingContext rc) {
        if (rc.response().headWritten()) {
            return;
        }
        rc.response().putHeader(HttpHeaders.CONNECTION, "close");
        ErrorResponses.send(rc, 408, ApiError.of("the request body did not arrive within " + timeout.toMillis()
                + " ms (" + timeoutSetting + ")", ApiError.INVALID_REQUEST, "request_timeout"))
                .onComplete(sent -> rc.request().connection().close());
    }
}
