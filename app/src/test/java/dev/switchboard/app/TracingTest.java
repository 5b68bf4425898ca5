package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.ByteString;
import dev.switchboard.contracts.config.ConfigLoader;
import io.envoyproxy.envoy.config.core.v3.HeaderMap;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpcClient;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpBody;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpHeaders;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Traces to a real OTLP receiver: a server on 127.0.0.1 that decodes what arrives as OTLP's own protobuf
 * ({@code ExportTraceServiceRequest}), over gRPC (length-prefixed frames on HTTP/2, status in the trailers) or
 * http/protobuf ({@code POST /v1/traces}), as a Collector or Jaeger receives it. A chat request that comes with a
 * gateway's {@code traceparent} must produce spans in that trace, the server span a child of the gateway's, and
 * the call to the backend must carry the trace on.
 */
class TracingTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String GATEWAY_SPAN_ID = "00f067aa0ba902b7";
    private static final String PROMPT = "Summarise the plot of Hamlet in two sentences";
    private static final String GRPC_EXPORT = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";

    @TempDir
    Path dir;
    private Vertx vertx;
    private int receiverPort;
    private NumberedBackend backend;
    private final List<ResourceSpans> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        HttpServer receiver = vertx.createHttpServer().requestHandler(this::receive).listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
        receiverPort = receiver.actualPort();
        backend = new NumberedBackend();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
        backend.close();
    }

    /** The OTLP receiver: decodes each export, whichever protocol it came by, and answers as a receiver does. */
    private void receive(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            try {
                if (GRPC_EXPORT.equals(request.path())) {
                    // One uncompressed length-prefixed message.
                    assertThat(body.getByte(0)).isZero();
                    int length = body.getInt(1);
                    received.addAll(ExportTraceServiceRequest.parseFrom(body.getBytes(5, 5 + length))
                            .getResourceSpansList());
                    byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                    request.response().putHeader("content-type", "application/grpc")
                            .write(Buffer.buffer().appendByte((byte) 0).appendInt(answer.length).appendBytes(answer));
                    request.response().putTrailer("grpc-status", "0").end();
                } else if ("/v1/traces".equals(request.path())) {
                    received.addAll(ExportTraceServiceRequest.parseFrom(body.getBytes()).getResourceSpansList());
                    request.response().putHeader("content-type", "application/x-protobuf")
                            .end(Buffer.buffer(ExportTraceServiceResponse.getDefaultInstance().toByteArray()));
                } else {
                    request.response().setStatusCode(404).end();
                }
            } catch (Exception e) {
                request.response().setStatusCode(400).end();
            }
        });
    }

    private Switchboard switchboard(String protocol) throws Exception {
        return switchboard(protocol, "");
    }

    /** @param decisionLines more fields of the one decision, {@code everyday} */
    private Switchboard switchboard(String protocol, String decisionLines) throws Exception {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, backend.config(decisionLines + """
                global:
                  services:
                    http: {port: 0}
                    extproc: {port: 0}
                    drain_timeout: 1s
                    observability:
                      tracing:
                        enabled: true
                        exporter: {type: otlp, endpoint: "127.0.0.1:%d", insecure: true, protocol: %s}
                        sampling: {type: always_on}
                        resource: {service_name: switchboard-test, deployment_environment: ci}
                """.formatted(receiverPort, protocol)) + TestConfigs.kafkaIn(dir));
        return Switchboard.start(config, ConfigLoader.load(config)).await(90, TimeUnit.SECONDS);
    }

    private static String hex(com.google.protobuf.ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"grpc", "http/protobuf"})
    void shouldJoinTheGatewaysTraceAndCarryItToTheBackend(String protocol) throws Exception {
        // Given Switchboard tracing to the receiver
        Switchboard switchboard = switchboard(protocol);

        // When a request comes with the gateway's trace context, and Switchboard stops (which exports what is left)
        HttpResponse<String> response = chatInGatewaysTrace(switchboard);
        switchboard.stop().await(30, TimeUnit.SECONDS);

        // Then the receiver has spans of that trace from this service: the ingress a child of the gateway's span
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(received).isNotEmpty();
        assertThat(received.get(0).getResource().getAttributesList()).extracting(KeyValue::getKey, kv -> kv
                .getValue().getStringValue()).contains(org.assertj.core.groups.Tuple.tuple("service.name",
                "switchboard-test"), org.assertj.core.groups.Tuple.tuple("deployment.environment.name", "ci"));
        List<Span> spans = received.stream().flatMap(r -> r.getScopeSpansList().stream())
                .flatMap(s -> s.getSpansList().stream()).filter(s -> hex(s.getTraceId()).equals(TRACE_ID)).toList();
        assertThat(spans).anySatisfy(server -> {
            assertThat(server.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
            assertThat(hex(server.getParentSpanId())).isEqualTo(GATEWAY_SPAN_ID);
        });
        assertThat(spans).anySatisfy(client -> assertThat(client.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT));
        // And the backend was called within the same trace
        assertThat(backend.headers()).singleElement().satisfies(headers -> assertThat(headers.get("traceparent"))
                .startsWith("00-" + TRACE_ID + "-").doesNotContain(GATEWAY_SPAN_ID));
        // And no span says anything of the prompt
        assertThat(spans).allSatisfy(span -> assertThat(span.getAttributesList())
                .noneSatisfy(kv -> assertThat(kv.getValue().getStringValue()).contains("Hamlet")));
    }

    /** A routed chat over HTTP carrying the gateway's trace context ({@code traceparent}). */
    private static HttpResponse<String> chatInGatewaysTrace(Switchboard switchboard) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + switchboard.httpPort() + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(20)).header("content-type", "application/json")
                .header("traceparent", "00-" + TRACE_ID + "-" + GATEWAY_SPAN_ID + "-01")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("model", "MoM")
                        .put("messages", new JsonArray().add(new JsonObject().put("role", "user")
                                .put("content", PROMPT))).encode())).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldTraceRoutingEmbeddingTheModelCallAndTheEventsWithinTheRequestsTrace() throws Exception {
        // Given Switchboard tracing, routing with an algorithm that embeds the prompt (knn)
        Switchboard switchboard = switchboard("grpc", "      algorithm: {type: knn}\n");

        // When a request comes with the gateway's trace context
        HttpResponse<String> response = chatInGatewaysTrace(switchboard);
        String requestId = response.headers().firstValue("x-switchboard-request-id").orElseThrow();
        List<ConsumerRecord<String, String>> events = eventsOf(requestId, 2);
        switchboard.stop().await(30, TimeUnit.SECONDS);

        // Then routing is a span of the trace, with its three steps as children
        assertThat(response.statusCode()).isEqualTo(200);
        List<Span> spans = received.stream().flatMap(r -> r.getScopeSpansList().stream())
                .flatMap(s -> s.getSpansList().stream()).filter(s -> hex(s.getTraceId()).equals(TRACE_ID)).toList();
        Span route = named(spans, "switchboard.route");
        assertThat(attributes(route)).contains(tuple("gen_ai.request.model", "MoM"),
                tuple("switchboard.model", "local"), tuple("switchboard.request_id", requestId),
                tuple("switchboard.ingress", "http"));
        for (String step : List.of("switchboard.signals", "switchboard.decision", "switchboard.selection")) {
            assertThat(hex(named(spans, step).getParentSpanId())).as(step).isEqualTo(hex(route.getSpanId()));
        }
        assertThat(attributes(named(spans, "switchboard.decision")))
                .contains(tuple("switchboard.decision", "everyday"));
        assertThat(attributes(named(spans, "switchboard.selection"))).contains(tuple("switchboard.algorithm", "knn"));
        // And the prompt's embedding is below routing, saying what it took
        Span embed = named(spans, "switchboard.embed");
        assertThat(ancestors(embed, spans)).contains(hex(route.getSpanId()));
        assertThat(attributes(embed)).contains(tuple("switchboard.embedding.texts", "1"),
                tuple("switchboard.embedding.batch_size", "1"), tuple("switchboard.embedding.cache_hit", "false"))
                .anySatisfy(kv -> {
                    assertThat(kv.toList().get(0)).isEqualTo("switchboard.embedding.tokens");
                    assertThat(Long.parseLong((String) kv.toList().get(1))).isBetween(5L, 40L);
                });
        // And the model call is a GenAI client span, parent of the HTTP call that carried the trace to the backend
        Span chat = named(spans, "chat local-7b");
        assertThat(chat.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
        assertThat(attributes(chat)).contains(tuple("gen_ai.operation.name", "chat"),
                tuple("gen_ai.request.model", "local-7b"), tuple("gen_ai.response.model", "local-7b"),
                tuple("gen_ai.usage.input_tokens", "12"), tuple("gen_ai.usage.output_tokens", "2"),
                tuple("http.response.status_code", "200"), tuple("server.address", "127.0.0.1"));
        String backendParent = backend.headers().get(0).get("traceparent").split("-")[2];
        assertThat(ancestors(spans.stream().filter(s -> hex(s.getSpanId()).equals(backendParent)).findFirst()
                .orElseThrow(), spans)).contains(hex(chat.getSpanId()));
        // And the decision and outcome events were produced in the trace, and say which trace they belong to
        assertThat(spans).filteredOn(s -> s.getKind() == Span.SpanKind.SPAN_KIND_PRODUCER)
                .extracting(Span::getName).contains("send switchboard.decisions", "send switchboard.outcomes");
        assertThat(events).extracting(r -> r.topic()).contains("switchboard.decisions", "switchboard.outcomes");
        assertThat(events).allSatisfy(r -> {
            assertThat(new JsonObject(r.value()).getString("trace_id")).isEqualTo(TRACE_ID);
            assertThat(new String(r.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                    .startsWith("00-" + TRACE_ID + "-");
        });
        // And nothing of the prompt is in any span
        assertThat(spans).allSatisfy(span -> assertThat(span.getAttributesList())
                .noneSatisfy(kv -> assertThat(kv.getValue().getStringValue()).contains("Hamlet")));
    }

    /** The records of the request's decision and outcome topics, once {@code count} have arrived (20 s at most). */
    private List<ConsumerRecord<String, String>> eventsOf(String requestId, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<ConsumerRecord<String, String>> found = List.of();
        while (found.size() < count && System.nanoTime() < deadline) {
            found = TopicRecords.all(dir.resolve("kafka")).entrySet().stream()
                    .filter(e -> e.getKey().equals("switchboard.decisions") || e.getKey().equals("switchboard.outcomes"))
                    .flatMap(e -> e.getValue().stream()).filter(r -> requestId.equals(r.key())).toList();
            Thread.sleep(100);
        }
        assertThat(found).hasSize(count);
        return found;
    }

    private static Span named(List<Span> spans, String name) {
        return spans.stream().filter(s -> s.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " among " + spans.stream().map(Span::getName)
                        .toList()));
    }

    /** The span ids above {@code span} in its trace, nearest first. */
    private static List<String> ancestors(Span span, List<Span> spans) {
        List<String> above = new java.util.ArrayList<>();
        String parent = hex(span.getParentSpanId());
        while (!parent.isEmpty()) {
            above.add(parent);
            String id = parent;
            parent = spans.stream().filter(s -> hex(s.getSpanId()).equals(id)).findFirst()
                    .map(s -> hex(s.getParentSpanId())).orElse("");
        }
        return above;
    }

    private static List<org.assertj.core.groups.Tuple> attributes(Span span) {
        return span.getAttributesList().stream().map(kv -> tuple(kv.getKey(), switch (kv.getValue().getValueCase()) {
            case INT_VALUE -> String.valueOf(kv.getValue().getIntValue());
            case BOOL_VALUE -> String.valueOf(kv.getValue().getBoolValue());
            case DOUBLE_VALUE -> String.valueOf(kv.getValue().getDoubleValue());
            default -> kv.getValue().getStringValue();
        })).toList();
    }

    private static ProcessingRequest headers(boolean endOfStream, String... pairs) {
        HeaderMap.Builder map = HeaderMap.newBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            map.addHeaders(HeaderValue.newBuilder().setKey(pairs[i]).setRawValue(ByteString.copyFromUtf8(pairs[i + 1])));
        }
        HttpHeaders headers = HttpHeaders.newBuilder().setHeaders(map)
                .setEndOfStream(endOfStream).build();
        return pairs[0].equals(":status") ? ProcessingRequest.newBuilder().setResponseHeaders(headers).build()
                : ProcessingRequest.newBuilder().setRequestHeaders(headers).build();
    }

    private static ProcessingRequest body(String text, boolean response) {
        HttpBody body = HttpBody.newBuilder().setBody(ByteString.copyFromUtf8(text)).setEndOfStream(true).build();
        return response ? ProcessingRequest.newBuilder().setResponseBody(body).build()
                : ProcessingRequest.newBuilder().setRequestBody(body).build();
    }

    @Test
    void shouldJoinTheGatewaysTraceFromTheRequestHeadersItSendsOverExtProc() throws Exception {
        // Given Switchboard tracing, and a gateway's ext_proc stream for a request that is part of its trace
        Switchboard switchboard = switchboard("http/protobuf");
        List<ProcessingResponse> responses = new CopyOnWriteArrayList<>();
        GrpcClientRequest<ProcessingRequest, ProcessingResponse> stream = GrpcClient.client(vertx)
                .request(SocketAddress.inetSocketAddress(switchboard.extprocPort(), "127.0.0.1"),
                        ExternalProcessorGrpcClient.Process).await(10, TimeUnit.SECONDS);
        stream.response().onSuccess(response -> response.handler(responses::add));

        // When the request passes (routed), and then the upstream's answer
        stream.write(headers(false, ":method", "POST", ":path", "/v1/chat/completions", "content-type",
                "application/json", "traceparent", "00-" + TRACE_ID + "-" + GATEWAY_SPAN_ID + "-01"));
        stream.write(body(new JsonObject().put("model", "MoM").put("messages", new JsonArray().add(new JsonObject()
                .put("role", "user").put("content", PROMPT))).encode(), false));
        awaitSize(responses, 2);
        stream.write(headers(false, ":status", "200", "content-type", "application/json"));
        stream.write(body(new JsonObject().put("choices", new JsonArray()).put("usage", new JsonObject()
                .put("prompt_tokens", 41).put("completion_tokens", 7)).encode(), true));
        awaitSize(responses, 4);
        stream.end();
        switchboard.stop().await(30, TimeUnit.SECONDS);

        // Then the chat's span is a child of the gateway's, says how it was routed and what it used
        List<Span> spans = received.stream().flatMap(r -> r.getScopeSpansList().stream())
                .flatMap(s -> s.getSpansList().stream()).filter(s -> hex(s.getTraceId()).equals(TRACE_ID)).toList();
        Span chat = spans.stream().filter(s -> s.getName().equals("switchboard.extproc.chat")).findFirst()
                .orElseThrow(() -> new AssertionError("no chat span among " + spans.stream().map(Span::getName)
                        .toList()));
        assertThat(hex(chat.getParentSpanId())).isEqualTo(GATEWAY_SPAN_ID);
        assertThat(chat.getAttributesList()).extracting(KeyValue::getKey, kv -> kv.getValue().hasIntValue()
                ? String.valueOf(kv.getValue().getIntValue()) : kv.getValue().getStringValue())
                .contains(org.assertj.core.groups.Tuple.tuple("gen_ai.request.model", "MoM"),
                        org.assertj.core.groups.Tuple.tuple("gen_ai.response.model", "local"),
                        org.assertj.core.groups.Tuple.tuple("switchboard.decision", "everyday"),
                        org.assertj.core.groups.Tuple.tuple("gen_ai.usage.input_tokens", "41"),
                        org.assertj.core.groups.Tuple.tuple("gen_ai.usage.output_tokens", "7"),
                        org.assertj.core.groups.Tuple.tuple("http.response.status_code", "200"));
        // And routing ran inside it
        assertThat(spans).anySatisfy(routing -> {
            assertThat(routing.getName()).isEqualTo("send");
            assertThat(hex(routing.getParentSpanId())).isEqualTo(hex(chat.getSpanId()));
        });
        // And the upstream is told to continue the trace from the chat's span
        var mutation = responses.get(1).getRequestBody().getResponse().getHeaderMutation();
        assertThat(mutation.getSetHeadersList()).anySatisfy(h -> {
            assertThat(h.getHeader().getKey()).isEqualTo("traceparent");
            assertThat(h.getHeader().getRawValue().toStringUtf8())
                    .isEqualTo("00-" + TRACE_ID + "-" + hex(chat.getSpanId()) + "-01");
        });
        assertThat(chat.getAttributesList()).noneSatisfy(kv -> assertThat(kv.getValue().getStringValue())
                .contains("Hamlet"));
    }

    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(list).hasSizeGreaterThanOrEqualTo(size);
    }
}
