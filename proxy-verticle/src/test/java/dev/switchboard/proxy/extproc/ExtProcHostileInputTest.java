package dev.switchboard.proxy.extproc;

import static dev.switchboard.proxy.extproc.ExtProcStreamTest.body;
import static dev.switchboard.proxy.extproc.ExtProcStreamTest.chat;
import static dev.switchboard.proxy.extproc.ExtProcStreamTest.requestHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.Codecs;
import dev.switchboard.proxy.TestProxies;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpcClient;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.common.GrpcStatus;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ExtProc port against what a broken or hostile gateway sends: every stream ends with a gRPC status that says
 * what happened, and nothing is answered twice. Real clients: the Vert.x gRPC client, and a plain HTTP/2 client for
 * frames no gRPC client would write.
 */
class ExtProcHostileInputTest {

    private static final int MAX_BODY_BYTES = 2048;
    /** The default services.drain_timeout (the homelab file sets none): how long a shutdown waits for open streams. */
    private static final long DRAIN_MILLIS = 10_000;
    private static final String PROCESS = "/envoy.service.ext_proc.v3.ExternalProcessor/Process";

    private Vertx vertx;
    private SocketAddress server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Codecs.registerAll(vertx.eventBus());
        TestProxies.routeEverythingToQwenCoder(vertx);
        String homelab = TestProxies.homelabWithProxy("{max_body_bytes: " + MAX_BODY_BYTES + "}");
        port = TestProxies.deploy(vertx, homelab).extprocPort();
        server = SocketAddress.inetSocketAddress(port, "127.0.0.1");
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(20, TimeUnit.SECONDS);
    }

    /** What came back on one stream: the messages, and the status it ended with. */
    private record Outcome(List<ProcessingResponse> responses, GrpcStatus status, String message) {
    }

    private Outcome stream(ProcessingRequest... messages) throws Exception {
        GrpcClientRequest<ProcessingRequest, ProcessingResponse> request = GrpcClient.client(vertx)
                .request(server, ExternalProcessorGrpcClient.Process).await(10, TimeUnit.SECONDS);
        List<ProcessingResponse> responses = new CopyOnWriteArrayList<>();
        CompletableFuture<Outcome> ended = new CompletableFuture<>();
        request.response().onSuccess(response -> {
            response.handler(responses::add);
            response.endHandler(v -> ended.complete(new Outcome(List.copyOf(responses), response.status(),
                    response.statusMessage())));
            response.exceptionHandler(ended::completeExceptionally);
        });
        for (ProcessingRequest message : messages) {
            request.write(message);
        }
        return ended.get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldEndTheStreamAfterAnImmediateAnswerToAnOversizedStreamedBody() throws Exception {
        Outcome outcome = stream(requestHeaders(BodySendMode.STREAMED, "POST", "/v1/chat/completions", false),
                body("x".repeat(MAX_BODY_BYTES / 2), false), body("x".repeat(MAX_BODY_BYTES), false));

        assertThat(outcome.responses()).last().satisfies(last ->
                assertThat(last.getImmediateResponse().getStatus().getCodeValue()).isEqualTo(413));
        assertThat(outcome.status()).isEqualTo(GrpcStatus.OK);
    }

    @Test
    void shouldAnswerABodyAfterTheEndOfTheBodyWithAStatusNotASecondAnswer() throws Exception {
        Outcome outcome = stream(requestHeaders(BodySendMode.BUFFERED, "POST", "/v1/chat/completions", false),
                body(chat("MoM"), true), body("{}", true));

        assertThat(outcome.status()).isEqualTo(GrpcStatus.FAILED_PRECONDITION);
        assertThat(outcome.responses()).noneMatch(ProcessingResponse::hasImmediateResponse);
        assertThat(outcome.responses()).hasSize(2);
    }

    @Test
    void shouldNotKeepAStreamItHasEndedOpenUntilTheGatewayClosesIt() throws Exception {
        // The gateway's side stays open after the status (the helper never half-closes). Left half-open, the stream
        // held the proxy's shutdown for the whole drain time (10 s), and now and then for good.
        Outcome outcome = stream(requestHeaders(BodySendMode.BUFFERED, "POST", "/v1/chat/completions", false),
                body(chat("MoM"), true), body("{}", true));
        assertThat(outcome.status()).isEqualTo(GrpcStatus.FAILED_PRECONDITION);

        long started = System.nanoTime();
        for (String deployment : vertx.deploymentIDs()) {
            vertx.undeploy(deployment).await(20, TimeUnit.SECONDS);
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(DRAIN_MILLIS / 2);
    }

    @Test
    void shouldAnswerAnUnreadableMessageWithInvalidArgument() throws Exception {
        // A length-prefixed frame whose bytes are not a ProcessingRequest (field 1 with a truncated length).
        Raw raw = rawGrpc(Buffer.buffer(new byte[] {0, 0, 0, 0, 3, 0x0a, 0x7f, 0x01}), "application/grpc");

        assertThat(raw.response().statusCode()).isEqualTo(200);
        assertThat(raw.grpcStatus()).isEqualTo(String.valueOf(GrpcStatus.INVALID_ARGUMENT.code));
        assertThat(raw.body().length()).isZero();
    }

    @Test
    void shouldAnswerNonGrpcRequestsOnTheGrpcPortWith415() throws Exception {
        Raw raw = rawGrpc(Buffer.buffer("{\"hello\":1}"), "application/json");

        assertThat(raw.response().statusCode()).isEqualTo(415);
        assertThat(raw.body().toString()).contains("application/grpc");
    }

    /** A whole HTTP/2 answer: the response (headers, trailers) and its body. */
    private record Raw(HttpClientResponse response, Buffer body) {

        /** The grpc-status: in the trailers, or in the headers of a trailers-only answer. */
        String grpcStatus() {
            String inTrailers = response.trailers().get("grpc-status");
            return inTrailers != null ? inTrailers : response.getHeader("grpc-status");
        }
    }

    /** One HTTP/2 request to the Process method with {@code payload} as its body, the stream then ended. */
    private Raw rawGrpc(Buffer payload, String contentType) throws Exception {
        var client = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false));
        HttpClientRequest request = client.request(new RequestOptions().setMethod(HttpMethod.POST)
                .setHost("127.0.0.1").setPort(port).setURI(PROCESS).putHeader("content-type", contentType)
                .putHeader("te", "trailers")).await(10, TimeUnit.SECONDS);
        // The body's handlers are set before the request goes out: asked for after send(), a trailers-only answer
        // can have ended already, and body() then never completes (about one try in forty).
        CompletableFuture<Raw> raw = new CompletableFuture<>();
        request.response().onSuccess(response -> {
            Buffer received = Buffer.buffer();
            response.handler(received::appendBuffer).exceptionHandler(raw::completeExceptionally)
                    .endHandler(v -> raw.complete(new Raw(response, received)));
        }).onFailure(raw::completeExceptionally);
        request.end(payload);
        return raw.get(10, TimeUnit.SECONDS);
    }
}
