package dev.switchboard.proxy;

import dev.switchboard.contracts.config.ServerConfig;
import dev.switchboard.proxy.openai.ApiError;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one connection may cost a listener ({@link ServerConfig}): a connection must deliver a request's complete
 * headers within {@code header_read_timeout} of opening (a silent client, one trickling a header line every few
 * seconds, or a TLS handshake on the plain port is closed), may then sit with nothing in flight for at most
 * {@code idle_timeout} (a request waiting for its model is in flight, not idle), and may send at most
 * {@code max_headers} headers. A chunked HTTP/1 request's connection is closed after its answer (RFC 9112 section
 * 6.1): a Content-Length beside Transfer-Encoding is how requests are smuggled past a proxy, and bytes after the
 * body must not become a second request. Byte sizes of headers and HTTP/2 stream counts are the server's own
 * options ({@link ListenerOptions}); what the HTTP/1 decoder refuses (a request line or headers past them, a header
 * line without a colon, a NUL, two lengths) gets the same JSON error as everything else, and the connection is closed.
 */
final class ConnectionGuard {

    private static final Logger LOGGER = LoggerFactory.getLogger(ConnectionGuard.class);

    private final Vertx vertx;
    private final ServerConfig limits;
    private final String listener;
    private final Map<HttpConnection, Watch> watches = new ConcurrentHashMap<>();

    /**
     * One connection's requests in flight and when it last had one. Vert.x-web and gRPC own the responses' end
     * handlers, so the watch looks at {@code ended()}/{@code closed()} on a timer instead of being told.
     */
    private static final class Watch {
        final List<HttpServerResponse> inFlight = new ArrayList<>();
        boolean sawRequest;
        /** Answering its last request: a request that follows on the connection is dropped with it. */
        boolean last;
        long lastActive = System.nanoTime();
        long headerTimer = -1;
        long idleTimer = -1;
    }

    /**
     * @param listener the listener's config path ({@code global.services.http}), named in logs
     */
    ConnectionGuard(Vertx vertx, ServerConfig limits, String listener) {
        this.vertx = vertx;
        this.limits = limits;
        this.listener = listener;
    }

    /** Guards {@code server}'s connections and hands it the requests that pass to {@code handler}. */
    HttpServer guard(HttpServer server, Handler<HttpServerRequest> handler) {
        return server.connectionHandler(this::opened).invalidRequestHandler(this::undecodable)
                .requestHandler(request -> {
                    if (admit(request)) {
                        handler.handle(request);
                    }
                });
    }

    /**
     * A request the HTTP/1 decoder could not read: the status Vert.x would send (414, 431 or 400), with a JSON body
     * that names the limit, and the connection closed, since what follows on it cannot be framed.
     */
    private void undecodable(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        if (cause instanceof TooLongHttpLineException) {
            refuse(request, 414, "the request line is longer than " + HttpServerOptions.DEFAULT_MAX_INITIAL_LINE_LENGTH
                    + " bytes", "request_line_too_long");
        } else if (cause instanceof TooLongHttpHeaderException) {
            refuse(request, 431, "the request headers are larger than " + limits.maxHeaderBytes() + " bytes ("
                    + listener + ".max_header_bytes)", "headers_too_large");
        } else {
            // The decoder's message quotes the request; the client knows what it sent.
            refuse(request, 400, "the request is not valid HTTP/1.1", "bad_request");
        }
    }

    private void opened(HttpConnection connection) {
        Watch watch = new Watch();
        watches.put(connection, watch);
        watch.headerTimer = vertx.setTimer(limits.headerReadTimeout().toMillis(), id -> {
            if (!watch.sawRequest) {
                close(connection, "header_read_timeout");
            }
        });
        long idleNanos = limits.idleTimeout().toNanos();
        // Checked four times per idle period: a connection closes between 1 and 1.25 idle periods after its last
        // request ended.
        watch.idleTimer = vertx.setPeriodic(Math.max(100, limits.idleTimeout().toMillis() / 4), id -> {
            watch.inFlight.removeIf(ConnectionGuard::finished);
            if (!watch.inFlight.isEmpty()) {
                watch.lastActive = System.nanoTime();
            } else if (watch.sawRequest && System.nanoTime() - watch.lastActive >= idleNanos) {
                close(connection, "idle_timeout");
            }
        });
        connection.closeHandler(closed -> {
            Watch gone = watches.remove(connection);
            if (gone != null) {
                vertx.cancelTimer(gone.headerTimer);
                vertx.cancelTimer(gone.idleTimer);
            }
        });
    }

    private boolean admit(HttpServerRequest request) {
        Watch watch = watches.get(request.connection());
        if (watch != null && watch.last) {
            request.connection().close();
            return false;
        }
        if (watch != null) {
            watch.sawRequest = true;
            watch.lastActive = System.nanoTime();
            // Pruned here too, so that the list holds what is in flight, not every request of a busy period.
            watch.inFlight.removeIf(ConnectionGuard::finished);
            watch.inFlight.add(request.response());
        }
        if (request.headers().size() > limits.maxHeaders()) {
            refuse(request, 431, "the request has " + request.headers().size() + " headers, more than "
                    + limits.maxHeaders() + " (" + listener + ".max_headers)", "too_many_headers");
            return false;
        }
        if (request.version() != HttpVersion.HTTP_2 && request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            // Netty drops a Content-Length that came with Transfer-Encoding, so a smuggling attempt looks like any
            // chunked request: RFC 9112 section 6.1 says to close the connection after answering such a request.
            request.response().putHeader(HttpHeaders.CONNECTION, "close");
            if (watch != null) {
                watch.last = true;
            }
        }
        return true;
    }

    private static boolean finished(HttpServerResponse response) {
        return response.ended() || response.closed();
    }

    private void close(HttpConnection connection, String limit) {
        LOGGER.atDebug().setMessage("connection_closed").addKeyValue("listener", listener)
                .addKeyValue("limit", limit).log();
        connection.close();
    }

    /**
     * Answers, and on HTTP/1 closes the connection: what follows on it cannot be trusted to be framed as the client
     * meant. An HTTP/2 stream is framed on its own, so only the stream ends.
     */
    private static void refuse(HttpServerRequest request, int status, String message, String code) {
        boolean http1 = request.version() != HttpVersion.HTTP_2;
        HttpServerResponse response = request.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        if (http1) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(ApiError.of(message, ApiError.INVALID_REQUEST, code).encode()).onComplete(sent -> {
            if (http1) {
                request.connection().close();
            }
        });
    }
}
