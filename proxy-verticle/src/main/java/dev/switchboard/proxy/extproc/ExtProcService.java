package dev.switchboard.proxy.extproc;

import dev.switchboard.contracts.config.ProxySettings;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.switchboard.proxy.RouteClient;
import dev.switchboard.proxy.cache.ResponseCache;
import io.opentelemetry.api.OpenTelemetry;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpcService;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import dev.switchboard.proxy.openai.ApiError;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerRequest;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code envoy.service.ext_proc.v3.ExternalProcessor/Process}: one {@link ExtProcStream} per gateway stream. A stream
 * the gateway cancels or resets is closed quietly: that is how a client going away looks, not an error.
 */
public final class ExtProcService {

    private static final Logger LOGGER = LoggerFactory.getLogger(ExtProcService.class);
    static final String GRPC_CONTENT_TYPE = "application/grpc";
    private static final String IDENTITY = "identity";

    private final Vertx vertx;
    private final Supplier<ProxySettings> settings;
    private final RouteClient routes;
    private final ResponseCache cache;
    private final OpenTelemetry openTelemetry;

    public ExtProcService(Vertx vertx, Supplier<ProxySettings> settings, ResponseCache cache) {
        this(vertx, settings, cache, OpenTelemetry.noop());
    }

    /** @param openTelemetry where each chat request's span goes (a no-op one when tracing is off) */
    public ExtProcService(Vertx vertx, Supplier<ProxySettings> settings, ResponseCache cache,
            OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
        this.vertx = vertx;
        this.settings = settings;
        this.routes = new RouteClient(vertx, "extproc");
        this.cache = cache;
    }

    /**
     * Hands gRPC requests to {@code grpc} and answers anything else on the port with 415, as the gRPC protocol
     * says a server should (HTTP/2 with a JSON content type used to get a 500).
     */
    public static Handler<HttpServerRequest> grpcOnly(Handler<HttpServerRequest> grpc) {
        return request -> {
            String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
            if (type != null && type.toLowerCase(Locale.ROOT).startsWith(GRPC_CONTENT_TYPE)) {
                grpc.handle(UndeclaredEncoding.of(request));
            } else {
                request.response().setStatusCode(415).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .end(ApiError.of("this port speaks gRPC (content-type application/grpc): "
                                + "envoy.service.ext_proc.v3.ExternalProcessor/Process", ApiError.INVALID_REQUEST,
                                "unsupported_media_type").encode());
            }
        };
    }

    /**
     * Serves the Process method on {@code server}. Messages are decoded here rather than by Vert.x, so that a frame
     * the server cannot read ends its stream with a status that says why: Vert.x resets the stream for invalid
     * protobuf, and a compressed frame without {@code grpc-encoding} arrives with {@link UndeclaredEncoding}'s
     * sentinel (Vert.x would hang on it).
     */
    public GrpcServer bind(GrpcServer server) {
        return server.callHandler(ExternalProcessorGrpcService.Process, this::process);
    }

    private void process(GrpcServerRequest<ProcessingRequest, ProcessingResponse> requests) {
        ExtProcStream stream = new ExtProcStream(vertx, settings.get(), routes, cache, openTelemetry,
                requests.response());
        requests.messageHandler(message -> {
            if (UndeclaredEncoding.SENTINEL.equals(message.encoding())) {
                stream.onUnreadable(GrpcStatus.INTERNAL, "the message is flagged compressed but the request "
                        + "declares no grpc-encoding");
                return;
            }
            if (!IDENTITY.equals(message.encoding())) {
                stream.onUnreadable(GrpcStatus.UNIMPLEMENTED, "message encoding '" + message.encoding()
                        + "' is not supported; send uncompressed messages");
                return;
            }
            ProcessingRequest request;
            try {
                request = ProcessingRequest.parseFrom(message.payload().getBytes());
            } catch (InvalidProtocolBufferException e) {
                stream.onUnreadable(GrpcStatus.INVALID_ARGUMENT, "the message is not a ProcessingRequest");
                return;
            }
            stream.onMessage(request);
        });
        requests.endHandler(v -> stream.onEnd());
        requests.exceptionHandler(e -> {
            LOGGER.atDebug().setMessage("extproc_stream_failed").addKeyValue("stream_id", stream.streamId())
                    .addKeyValue("error", e.getClass().getName()).log();
            stream.onFailure(e);
        });
    }
}
