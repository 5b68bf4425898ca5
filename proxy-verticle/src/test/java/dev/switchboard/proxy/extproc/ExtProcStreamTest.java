package dev.switchboard.proxy.extproc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.CandidateScore;
import dev.switchboard.contracts.bus.Codecs;
import dev.switchboard.contracts.bus.FailureCode;
import dev.switchboard.contracts.bus.OutcomeEvent;
import dev.switchboard.contracts.bus.ReasonCode;
import dev.switchboard.contracts.bus.RouteDecision;
import dev.switchboard.contracts.bus.RouteRequest;
import dev.switchboard.proxy.TestProxies;
import io.envoyproxy.envoy.config.core.v3.HeaderMap;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpcClient;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpBody;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpHeaders;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProtocolConfiguration;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real gRPC client replays what Envoy and AgentGateway send on one ext_proc stream, against the proxy verticle
 * with a fake router: MoM goes to qwen-coder, gpt-5 is unknown, "slow" never gets an answer.
 */
class ExtProcStreamTest {

    /** The configured limit, smaller than the default so that the test shows the setting is applied. */
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private Vertx vertx;
    private GrpcClient client;
    private SocketAddress server;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Codecs.registerAll(vertx.eventBus());
        vertx.eventBus().<RouteRequest>localConsumer(Addresses.ROUTER_ROUTE, message -> {
            RouteRequest request = message.body();
            switch (request.requestedModel()) {
                case "MoM" -> message.reply(new RouteDecision(request.requestId(), "MoM", "qwen-coder",
                        "qwen2.5-coder:7b", "local-ollama", "MoM", "multi_factor", 0.84,
                        List.of(new CandidateScore("qwen-coder", 1.0, Map.of("quality", 1.0))),
                        ReasonCode.AUTO_ROUTING, 2_000, "rev"));
                case "slow" -> {
                    // never answers: the proxy's timeout must fall back to the default model
                }
                default -> message.fail(FailureCode.INVALID_ARGUMENT.code(),
                        "model '" + request.requestedModel() + "' is not available");
            }
        }).completion().await(10, TimeUnit.SECONDS);
        String homelab = TestProxies.homelabWithProxy(
                "{max_body_bytes: " + MAX_BODY_BYTES + ", route_timeout: 300ms}");
        server = SocketAddress.inetSocketAddress(TestProxies.deploy(vertx, homelab).extprocPort(), "127.0.0.1");
        client = GrpcClient.client(vertx);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    static HttpHeaders headers(boolean endOfStream, String... pairs) {
        HeaderMap.Builder map = HeaderMap.newBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            map.addHeaders(HeaderValue.newBuilder().setKey(pairs[i])
                    .setRawValue(ByteString.copyFromUtf8(pairs[i + 1])));
        }
        return HttpHeaders.newBuilder().setHeaders(map).setEndOfStream(endOfStream).build();
    }

    static ProcessingRequest requestHeaders(BodySendMode mode, String method, String path, boolean endOfStream) {
        return ProcessingRequest.newBuilder()
                .setRequestHeaders(headers(endOfStream, ":method", method, ":path", path, "x-request-id", "req-42",
                        "content-type", "application/json"))
                .setProtocolConfig(ProtocolConfiguration.newBuilder().setRequestBodyMode(mode))
                .build();
    }

    static ProcessingRequest body(String text, boolean endOfStream) {
        return ProcessingRequest.newBuilder().setRequestBody(HttpBody.newBuilder()
                .setBody(ByteString.copyFromUtf8(text)).setEndOfStream(endOfStream)).build();
    }

    static String chat(String model) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Write me a Python function to compute fibonacci numbers using memoization\"}]}";
    }

    /** One ext_proc stream, as a gateway drives it. */
    private final class GatewayStream {
        final List<ProcessingResponse> responses = new CopyOnWriteArrayList<>();
        final GrpcClientRequest<ProcessingRequest, ProcessingResponse> request;

        volatile boolean ended;

        GatewayStream() throws Exception {
            request = client.request(server, ExternalProcessorGrpcClient.Process).await(10, TimeUnit.SECONDS);
            request.response().onSuccess(response -> response.handler(responses::add)
                    .endHandler(v -> ended = true));
        }

        GatewayStream send(ProcessingRequest... messages) {
            for (ProcessingRequest message : messages) {
                request.write(message);
            }
            return this;
        }

        /** Waits for the {@code count}-th response; then a moment more, in which an unexpected one would arrive. */
        List<ProcessingResponse> awaitResponses(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (responses.size() < count && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(50);
            return List.copyOf(responses);
        }
    }

    /** Sends the messages on one stream and collects {@code expected} responses. */
    private List<ProcessingResponse> exchange(int expected, ProcessingRequest... messages) throws Exception {
        GatewayStream stream = new GatewayStream().send(messages);
        List<ProcessingResponse> responses = stream.awaitResponses(expected);
        if (!stream.ended) {
            // As a gateway does: a stream the processor has ended (after an immediate answer) is not half-closed.
            stream.request.end();
        }
        return responses;
    }

    static Map<String, String> setHeaders(io.envoyproxy.envoy.service.ext_proc.v3.HeaderMutation mutation) {
        return mutation.getSetHeadersList().stream().map(HeaderValueOption::getHeader).collect(Collectors.toMap(
                HeaderValue::getKey, h -> h.getRawValue().toString(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldRouteABufferedChatAndRewriteItsBody() throws Exception {
        List<ProcessingResponse> responses = exchange(2,
                requestHeaders(BodySendMode.BUFFERED, "POST", "/v1/chat/completions", false),
                body(chat("MoM"), true));

        assertThat(responses).hasSize(2);
        assertThat(responses.get(0).hasRequestHeaders()).isTrue();
        assertThat(responses.get(0).getRequestHeaders().hasResponse()).isFalse();
        var body = responses.get(1).getRequestBody().getResponse();
        String rewritten = body.getBodyMutation().getBody().toStringUtf8();
        assertThat(new JsonObject(rewritten).getString("model")).isEqualTo("qwen2.5-coder:7b");
        assertThat(setHeaders(body.getHeaderMutation())).containsEntry("x-selected-model", "qwen-coder")
                .containsEntry("content-length", String.valueOf(rewritten.getBytes(StandardCharsets.UTF_8).length));
        assertThat(body.getClearRouteCache()).isTrue();
    }

    @Test
    void shouldHoldTheHeadersResponseInFullDuplexModeAndPutTheMutationThere() throws Exception {
        String json = chat("MoM");
        List<ProcessingResponse> responses = exchange(2,
                requestHeaders(BodySendMode.FULL_DUPLEX_STREAMED, "POST", "/v1/chat/completions", false),
                body(json.substring(0, 20), false),
                body(json.substring(20), true));

        assertThat(responses).hasSize(2);
        var headers = responses.get(0).getRequestHeaders().getResponse();
        assertThat(setHeaders(headers.getHeaderMutation())).containsEntry("x-selected-model", "qwen-coder");
        assertThat(headers.getClearRouteCache()).isTrue();
        var streamed = responses.get(1).getRequestBody().getResponse().getBodyMutation().getStreamedResponse();
        assertThat(streamed.getEndOfStream()).isTrue();
        assertThat(new JsonObject(streamed.getBody().toStringUtf8()).getString("model")).isEqualTo("qwen2.5-coder:7b");
    }

    @Test
    void shouldWithholdStreamedChunksAndSendTheWholeBodyLast() throws Exception {
        String json = chat("MoM");
        List<ProcessingResponse> responses = exchange(3,
                requestHeaders(BodySendMode.STREAMED, "POST", "/v1/chat/completions", false),
                body(json.substring(0, 30), false),
                body(json.substring(30), true));

        assertThat(responses).hasSize(3);
        assertThat(responses.get(1).getRequestBody().getResponse().getBodyMutation().getClearBody()).isTrue();
        var last = responses.get(2).getRequestBody().getResponse();
        assertThat(new JsonObject(last.getBodyMutation().getBody().toStringUtf8()).getString("model"))
                .isEqualTo("qwen2.5-coder:7b");
        assertThat(setHeaders(last.getHeaderMutation())).containsEntry("x-selected-model", "qwen-coder");
    }

    @Test
    void shouldAnswerAnUnknownModelWithAnOpenAiStyle400() throws Exception {
        List<ProcessingResponse> responses = exchange(2,
                requestHeaders(BodySendMode.BUFFERED, "POST", "/v1/chat/completions", false),
                body(chat("gpt-5"), true));

        var immediate = responses.get(1).getImmediateResponse();
        assertThat(immediate.getStatus().getCodeValue()).isEqualTo(400);
        JsonObject error = new JsonObject(immediate.getBody().toStringUtf8()).getJsonObject("error");
        assertThat(error.getString("message")).contains("model 'gpt-5' is not available");
        assertThat(error.getString("code")).isEqualTo("model_not_found");
    }

    @Test
    void shouldAnswerMalformedJsonWith400() throws Exception {
        List<ProcessingResponse> responses = exchange(2,
                requestHeaders(BodySendMode.BUFFERED, "POST", "/v1/chat/completions", false),
                body("{\"model\": \"MoM\", \"messages\": [", true));

        assertThat(responses.get(1).getImmediateResponse().getStatus().getCodeValue()).isEqualTo(400);
        assertThat(responses.get(1).getImmediateResponse().getBody().toStringUtf8())
                .contains("the request body is not valid JSON");
    }

    @Test
    void shouldFallBackToTheDefaultModelWhenTheRouterDoesNotAnswer() throws Exception {
        List<ProcessingResponse> responses = exchange(2,
                requestHeaders(BodySendMode.BUFFERED, "POST", "/v1/chat/completions", false),
                body(chat("slow"), true));

        var body = responses.get(1).getRequestBody().getResponse();
        assertThat(setHeaders(body.getHeaderMutation())).containsEntry("x-selected-model", "qwen-coder");
        assertThat(new JsonObject(body.getBodyMutation().getBody().toStringUtf8()).getString("model"))
                .isEqualTo("qwen2.5-coder:7b");
    }

    @Test
    void shouldAnswerTheModelListAndLeaveOtherPathsAlone() throws Exception {
        List<ProcessingResponse> models = exchange(1,
                requestHeaders(BodySendMode.BUFFERED, "GET", "/v1/models", true));
        List<ProcessingResponse> other = exchange(2,
                requestHeaders(BodySendMode.BUFFERED, "POST", "/v1/embeddings", false),
                body("{\"input\":\"x\"}", true));

        JsonObject list = new JsonObject(models.get(0).getImmediateResponse().getBody().toStringUtf8());
        assertThat(list.getJsonArray("data").stream().map(m -> ((JsonObject) m).getString("id")).toList())
                .containsExactly("MoM", "auto", "switchboard/auto", "qwen-coder", "gpt-4o", "gemini-flash");
        assertThat(other.get(0).getRequestHeaders().hasResponse()).isFalse();
        assertThat(other.get(1).getRequestBody().hasResponse()).isFalse();
    }

    @Test
    void shouldAddTheDecisionToTheResponseHeaders() throws Exception {
        // A gateway sends the response headers after the backend answered, so after the body response.
        GatewayStream stream = new GatewayStream().send(
                requestHeaders(BodySendMode.BUFFERED, "POST", "/v1/chat/completions", false), body(chat("MoM"), true));
        stream.awaitResponses(2);
        List<ProcessingResponse> responses = stream.send(ProcessingRequest.newBuilder()
                .setResponseHeaders(headers(false, ":status", "200")).build()).awaitResponses(3);
        stream.request.end();

        Map<String, String> added = setHeaders(responses.get(2).getResponseHeaders().getResponse().getHeaderMutation());
        assertThat(added).containsEntry("x-switchboard-model", "qwen-coder")
                .containsEntry("x-switchboard-decision", "MoM")
                .containsEntry("x-switchboard-algorithm", "multi_factor")
                .containsEntry("x-switchboard-confidence", "0.840")
                .containsEntry("x-switchboard-request-id", "req-42");
    }

    @Test
    void shouldPublishTheOutcomeOfAStreamedResponse() throws Exception {
        List<OutcomeEvent> outcomes = new CopyOnWriteArrayList<>();
        vertx.eventBus().<OutcomeEvent>localConsumer(Addresses.FEEDBACK_OUTCOME, m -> outcomes.add(m.body()))
                .completion().await(10, TimeUnit.SECONDS);
        GatewayStream stream = new GatewayStream().send(
                requestHeaders(BodySendMode.BUFFERED, "POST", "/v1/chat/completions", false), body(chat("MoM"), true));
        stream.awaitResponses(2);

        stream.send(ProcessingRequest.newBuilder().setResponseHeaders(headers(false, ":status", "200",
                        "content-type", "text/event-stream")).build(),
                responseBody("data: {\"choices\":[{\"delta\":{\"content\":\"def\"}}]}\n\n", false),
                responseBody("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":41,\"completion_tokens\":366}}\n\n"
                        + "data: [DONE]\n\n", true));
        List<ProcessingResponse> responses = stream.awaitResponses(5);
        stream.request.end();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (outcomes.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertThat(responses).hasSize(5);
        assertThat(responses.get(3).hasResponseBody()).isTrue();
        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.requestId()).isEqualTo("req-42");
            assertThat(outcome.model()).isEqualTo("qwen-coder");
            assertThat(outcome.decision()).isEqualTo("MoM");
            assertThat(outcome.status()).isEqualTo(200);
            assertThat(outcome.promptTokens()).isEqualTo(41);
            assertThat(outcome.completionTokens()).isEqualTo(366);
            assertThat(outcome.ttftMs()).isNotNull().isPositive();
            assertThat(outcome.latencyMs()).isGreaterThanOrEqualTo(outcome.ttftMs());
        });
    }

    @Test
    void shouldEchoResponseChunksInFullDuplexResponseMode() throws Exception {
        ProcessingRequest headers = ProcessingRequest.newBuilder()
                .setRequestHeaders(headers(false, ":method", "POST", ":path", "/v1/chat/completions"))
                .setProtocolConfig(ProtocolConfiguration.newBuilder()
                        .setRequestBodyMode(BodySendMode.FULL_DUPLEX_STREAMED)
                        .setResponseBodyMode(BodySendMode.FULL_DUPLEX_STREAMED)).build();
        GatewayStream stream = new GatewayStream().send(headers, body(chat("MoM"), true));
        stream.awaitResponses(2);

        List<ProcessingResponse> responses = stream.send(
                ProcessingRequest.newBuilder().setResponseHeaders(headers(false, ":status", "200")).build(),
                responseBody("{\"choices\":[]}", true)).awaitResponses(4);
        stream.request.end();

        var echoed = responses.get(3).getResponseBody().getResponse().getBodyMutation().getStreamedResponse();
        assertThat(echoed.getBody().toStringUtf8()).isEqualTo("{\"choices\":[]}");
        assertThat(echoed.getEndOfStream()).isTrue();
    }

    static ProcessingRequest responseBody(String text, boolean endOfStream) {
        return ProcessingRequest.newBuilder().setResponseBody(HttpBody.newBuilder()
                .setBody(ByteString.copyFromUtf8(text)).setEndOfStream(endOfStream)).build();
    }

    @Test
    void shouldAnswerAClientThatHalfClosesRightAfterTheBody() throws Exception {
        List<ProcessingResponse> responses = new CopyOnWriteArrayList<>();
        GrpcClientRequest<ProcessingRequest, ProcessingResponse> request =
                client.request(server, ExternalProcessorGrpcClient.Process).await(10, TimeUnit.SECONDS);
        var done = request.response().compose(response -> {
            response.handler(responses::add);
            return response.end();
        });
        request.write(requestHeaders(BodySendMode.BUFFERED, "POST", "/v1/chat/completions", false));
        request.end(body(chat("MoM"), true));

        done.await(10, TimeUnit.SECONDS);
        assertThat(responses).hasSize(2);
        assertThat(responses.get(1).getRequestBody().getResponse().getBodyMutation().getBody().toStringUtf8())
                .contains("qwen2.5-coder:7b");
    }

    @Test
    void shouldRefuseABodyOverTheLimitWith413() throws Exception {
        String huge = "x".repeat(MAX_BODY_BYTES + 1);
        List<ProcessingResponse> responses = exchange(2,
                requestHeaders(BodySendMode.BUFFERED, "POST", "/v1/chat/completions", false),
                body(huge, true));

        assertThat(responses.get(1).getImmediateResponse().getStatus().getCodeValue()).isEqualTo(413);
        assertThat(responses.get(1).getImmediateResponse().getBody().toStringUtf8()).contains("65536 bytes");
    }
}
