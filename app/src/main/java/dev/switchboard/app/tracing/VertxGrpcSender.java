package dev.switchboard.app.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.GrpcResponse;
import io.opentelemetry.sdk.common.export.GrpcSender;
import io.opentelemetry.sdk.common.export.GrpcSenderConfig;
import io.opentelemetry.sdk.common.export.GrpcStatusCode;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * OTLP over gRPC for the OpenTelemetry exporters, on Vert.x's HTTP/2 client: the exporters' own gRPC sender is
 * OkHttp, which needs a newer Kotlin than the language detector's. One unary call per export, framed by hand (a
 * flag byte, a length, the message; uncompressed), the status read from the trailers. It runs on a Vert.x of its own
 * with one event loop and no tracer, so that sending spans never makes spans.
 */
final class VertxGrpcSender implements GrpcSender {

    private static final String GRPC_CONTENT_TYPE = "application/grpc";
    private static final int FRAME_HEADER_BYTES = 5;

    private final Vertx vertx;
    private final HttpClient client;
    private final GrpcSenderConfig config;
    private final URI endpoint;

    VertxGrpcSender(GrpcSenderConfig config) {
        this.config = config;
        this.endpoint = config.getEndpoint();
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        boolean tls = "https".equalsIgnoreCase(endpoint.getScheme());
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false)
                .setSsl(tls)
                .setUseAlpn(tls)
                .setConnectTimeout((int) config.getConnectTimeout().toMillis()));
    }

    @Override
    public void send(MessageWriter writer, Consumer<GrpcResponse> onResponse,
            Consumer<Throwable> onError) {
        Buffer frame;
        try {
            frame = frame(writer);
        } catch (IOException e) {
            onError.accept(e);
            return;
        }
        int port = endpoint.getPort() != -1 ? endpoint.getPort()
                : "https".equalsIgnoreCase(endpoint.getScheme()) ? 443 : 80;
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(endpoint.getHost())
                .setPort(port).setURI(path()).setIdleTimeout(config.getTimeout().toMillis())
                .putHeader("content-type", GRPC_CONTENT_TYPE).putHeader("te", "trailers");
        Map<String, List<String>> headers = config.getHeadersSupplier().get();
        if (headers != null) {
            headers.forEach((name, values) -> values.forEach(value -> options.addHeader(name, value)));
        }
        client.request(options)
                .compose(request -> request.send(frame))
                .compose(response -> response.body().map(body -> response(response, body)))
                .onSuccess(onResponse::accept)
                .onFailure(onError::accept);
    }

    private String path() {
        String base = endpoint.getPath() == null || endpoint.getPath().equals("/") ? "" : endpoint.getPath();
        return base + "/" + config.getFullMethodName();
    }

    /** The message as one gRPC length-prefixed frame, uncompressed. */
    static Buffer frame(MessageWriter writer) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream(Math.max(writer.getContentLength(), 0));
        writer.writeMessage(message);
        byte[] bytes = message.toByteArray();
        return Buffer.buffer(FRAME_HEADER_BYTES + bytes.length).appendByte((byte) 0)
                .appendInt(bytes.length).appendBytes(bytes);
    }

    /** The call's status (from the trailers, or the headers of a trailers-only answer) and message. */
    private static GrpcResponse response(HttpClientResponse response, Buffer body) {
        String status = response.getTrailer("grpc-status");
        String description = response.getTrailer("grpc-message");
        if (status == null) {
            status = response.getHeader("grpc-status");
            description = response.getHeader("grpc-message");
        }
        GrpcStatusCode code;
        if (response.statusCode() != 200) {
            code = GrpcStatusCode.UNAVAILABLE;
            description = "HTTP " + response.statusCode();
        } else {
            code = status == null ? GrpcStatusCode.UNKNOWN : parse(status);
        }
        byte[] message = body.length() >= FRAME_HEADER_BYTES ? body.getBytes(FRAME_HEADER_BYTES, body.length())
                : new byte[0];
        return new Response(code, description, message);
    }

    private static GrpcStatusCode parse(String status) {
        try {
            return GrpcStatusCode.fromValue(Integer.parseInt(status.strip()));
        } catch (RuntimeException e) {
            return GrpcStatusCode.UNKNOWN;
        }
    }

    private record Response(GrpcStatusCode code, String description, byte[] message) implements GrpcResponse {
        @Override
        public GrpcStatusCode getStatusCode() {
            return code;
        }

        @Override
        public String getStatusDescription() {
            return description;
        }

        @Override
        public byte[] getResponseMessage() {
            return message;
        }
    }

    @Override
    public CompletableResultCode shutdown() {
        CompletableResultCode result = new CompletableResultCode();
        client.close().eventually(vertx::close).onComplete(done -> result.succeed());
        return result;
    }
}
