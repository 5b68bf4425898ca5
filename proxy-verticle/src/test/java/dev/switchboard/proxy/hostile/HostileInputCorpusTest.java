package dev.switchboard.proxy.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.Codecs;
import dev.switchboard.contracts.bus.ConfigReload;
import dev.switchboard.contracts.bus.FailureCode;
import dev.switchboard.contracts.bus.FeedbackReceipt;
import dev.switchboard.contracts.bus.FeedbackSubmission;
import dev.switchboard.contracts.bus.ReasonCode;
import dev.switchboard.contracts.bus.RouteDecision;
import dev.switchboard.contracts.bus.RouteRequest;
import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.contracts.config.ProxySettings;
import dev.switchboard.contracts.health.Readiness;
import dev.switchboard.proxy.BoundedMetrics;
import dev.switchboard.proxy.ProxyVerticle;
import dev.switchboard.proxy.api.ApiAccess;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpcClient;
import io.envoyproxy.envoy.service.ext_proc.v3.ImmediateResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.common.GrpcStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The hostile-input corpus ({@code src/test/resources/hostile/}) against one real proxy verticle: its HTTP port
 * through a raw socket, its ExtProc port through the Vert.x gRPC client or a plain HTTP/2 client. Each case is a
 * dynamic test named by its id and asserts the exact status and error shape, and what was spent on the request:
 * routing decisions (the stand-in router counts them; the router is where the embedding is spent), embeddings,
 * calls to the model's backend, feedback submissions and config reloads. A case that names nothing spent expects
 * none of them. No case may make Vert.x log at SEVERE: a stack trace per hostile request would let a client flood
 * the log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputCorpusTest {

    static final List<String> FILES = List.of("http-chat.jsonl", "http-api.jsonl", "http-ops.jsonl",
            "extproc.jsonl");
    /** The limits the corpus is written against; small, so that oversized input is cheap to send. */
    static final int MAX_BODY_BYTES = 65_536;
    private static final String PROCESS = "/envoy.service.ext_proc.v3.ExternalProcessor/Process";
    /** The tokens of each endpoint group, as the environment would hold them. */
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "CORPUS_FEEDBACK_TOKEN", "feedback-secret", "CORPUS_RATINGS_TOKEN", "ratings-secret",
            "CORPUS_METRICS_TOKEN", "metrics-secret", "CORPUS_ADMIN_TOKEN", "admin-secret");
    private static final List<String> SPENT = List.of("routed", "embedded", "backend", "feedback", "reloads");

    private final String registry = "hostile-corpus-" + UUID.randomUUID();
    private final Map<String, AtomicInteger> spent = Map.of("routed", new AtomicInteger(),
            "embedded", new AtomicInteger(), "backend", new AtomicInteger(), "feedback", new AtomicInteger(),
            "reloads", new AtomicInteger());
    private Vertx vertx;
    private int httpPort;
    private int extprocPort;
    private GrpcClient grpc;
    private HttpClient h2;
    /** The case running, for what Vert.x logs while it runs. */
    private volatile String current = "start-up";
    /** What Vert.x (java.util.logging here, Switchboard's own loggers are SLF4J) logged at SEVERE. */
    private final List<String> severe = new CopyOnWriteArrayList<>();
    private final Handler severeLog = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                severe.add("[" + current + "] " + record.getLoggerName() + ": " + record.getMessage()
                        + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    void start() throws Exception {
        Logger.getLogger("io.vertx").addHandler(severeLog);
        vertx = BoundedMetrics.vertx(registry);
        Codecs.registerAll(vertx.eventBus());
        HttpServer backend = vertx.createHttpServer().requestHandler(request -> {
            spent.get("backend").incrementAndGet();
            request.body().onSuccess(body -> request.response().putHeader("content-type", "application/json")
                    .end("{\"id\":\"c-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
                            + "{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}],"
                            + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1}}"));
        }).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        standIns();
        String yaml = """
                version: v0.3
                providers:
                  defaults: {default_model: thinker}
                  models:
                    - name: thinker
                      backend_refs: [{name: b, base_url: "http://127.0.0.1:%d/v1"}]
                global:
                  services:
                    http: {port: 0, header_read_timeout: 500ms, idle_timeout: 2s, request_timeout: 500ms,
                           max_headers: 30, max_header_bytes: 8192}
                    extproc: {port: 0}
                  proxy:
                    max_body_bytes: %d
                    max_json_depth: 32
                    max_messages: 8
                    auth: {feedback_token_env: CORPUS_FEEDBACK_TOKEN, ratings_token_env: CORPUS_RATINGS_TOKEN,
                           metrics_token_env: CORPUS_METRICS_TOKEN, admin_token_env: CORPUS_ADMIN_TOKEN}
                """.formatted(backend.actualPort(), MAX_BODY_BYTES);
        ProxySettings settings = ProxySettings.of(ConfigLoader.parse(yaml, "corpus").config());
        ProxyVerticle proxy = new ProxyVerticle(settings, new Readiness(), registry,
                ApiAccess.of(settings.limits().auth(), ENVIRONMENT::get));
        vertx.deployVerticle(proxy).await(10, TimeUnit.SECONDS);
        httpPort = proxy.httpPort();
        extprocPort = proxy.extprocPort();
        grpc = GrpcClient.client(vertx);
        h2 = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false));
    }

    /**
     * What stands behind the proxy on the bus, each counting what reaches it: a router that sends MoM and thinker
     * to thinker and refuses other names as the real one does, an embedder, a feedback verticle that knows request
     * r-known, and a config watcher whose file is unchanged.
     */
    private void standIns() throws Exception {
        vertx.eventBus().<RouteRequest>localConsumer(Addresses.ROUTER_ROUTE, message -> {
            spent.get("routed").incrementAndGet();
            RouteRequest r = message.body();
            if ("MoM".equals(r.requestedModel()) || "thinker".equals(r.requestedModel())) {
                message.reply(new RouteDecision(r.requestId(), r.requestedModel(), "thinker", "thinker-7b", "b",
                        "MoM", "static", 0.9, List.of(), ReasonCode.AUTO_ROUTING, 10, "rev"));
            } else {
                message.fail(FailureCode.INVALID_ARGUMENT.code(), "The model '" + r.requestedModel()
                        + "' does not exist or you do not have access to it.");
            }
        }).completion().await(10, TimeUnit.SECONDS);
        vertx.eventBus().localConsumer(Addresses.EMBEDDER_EMBED, message -> {
            spent.get("embedded").incrementAndGet();
            message.fail(FailureCode.UNAVAILABLE.code(), "no embedder in this test");
        }).completion().await(10, TimeUnit.SECONDS);
        vertx.eventBus().<FeedbackSubmission>localConsumer(Addresses.FEEDBACK_SUBMIT, message -> {
            spent.get("feedback").incrementAndGet();
            if ("r-known".equals(message.body().requestId())) {
                message.reply(new FeedbackReceipt("e-1", "r-known", "thinker", "MoM"));
            } else {
                message.fail(FailureCode.NOT_FOUND.code(), "no routed request has the id '"
                        + message.body().requestId() + "'");
            }
        }).completion().await(10, TimeUnit.SECONDS);
        vertx.eventBus().localConsumer(Addresses.CONFIG_RELOAD, message -> {
            spent.get("reloads").incrementAndGet();
            message.reply(new ConfigReload(ConfigReload.UNCHANGED, "rev", List.of()));
        }).completion().await(10, TimeUnit.SECONDS);
    }

    @AfterAll
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
        Logger.getLogger("io.vertx").removeHandler(severeLog);
    }

    static List<HostileCase> corpus() throws Exception {
        List<HostileCase> all = new ArrayList<>();
        for (String file : FILES) {
            all.addAll(HostileCase.load(file));
        }
        return all;
    }

    @Test
    void shouldHoldAtLeast150DistinctCasesCoveringEveryIngress() throws Exception {
        List<HostileCase> cases = corpus();
        Set<String> ids = new HashSet<>();

        assertThat(cases).allSatisfy(c -> assertThat(ids.add(c.id())).as("id %s is used twice", c.id()).isTrue());
        assertThat(cases).hasSizeGreaterThanOrEqualTo(150);
        assertThat(cases).extracting(HostileCase::ingress).containsAll(HostileCase.INGRESSES);
        assertThat(cases).allSatisfy(c -> assertThat(c.spec().getJsonObject("expect")).as(c.id()).isNotNull());
        try (Stream<Path> files = Files.list(Path.of(HostileCase.class.getResource("/hostile").toURI()))) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".jsonl")))
                    .as("every corpus file is run").containsExactlyInAnyOrderElementsOf(FILES);
        }
    }

    @TestFactory
    Stream<DynamicNode> corpusCases() throws Exception {
        List<DynamicNode> files = new ArrayList<>();
        for (String file : FILES) {
            List<HostileCase> cases = new ArrayList<>(HostileCase.load(file));
            // -Dhostile.repeat=N runs the ExtProc stream and frame cases N more times: a race shows in repeats.
            for (int r = Integer.getInteger("hostile.repeat", 0); r > 0; r--) {
                cases.addAll(HostileCase.load(file).stream().filter(c -> c.spec().containsKey("frames")
                        || c.spec().containsKey("messages")).toList());
            }
            files.add(DynamicContainer.dynamicContainer(file, cases.stream()
                    .map(c -> DynamicTest.dynamicTest(c.id(), () -> run(c)))));
        }
        return files.stream();
    }

    private void run(HostileCase c) throws Exception {
        assertThat(severe).as("what Vert.x logged after the case before %s had its answer", c.id()).isEmpty();
        current = c.id();
        Map<String, Integer> before = counts();
        if (c.ingress().equals("extproc") && c.spec().containsKey("messages")) {
            grpcStream(c);
        } else if (c.ingress().equals("extproc") && c.spec().containsKey("frames")) {
            rawGrpc(c);
        } else {
            http(c, c.ingress().equals("extproc") ? extprocPort : httpPort);
        }
        JsonObject expected = c.expect().getJsonObject("spent", new JsonObject());
        Map<String, Integer> after = counts();
        for (String what : SPENT) {
            assertThat(after.get(what) - before.get(what)).as("%s: %s", c.id(), what)
                    .isEqualTo(expected.getInteger(what, 0));
        }
        List<String> logged = List.copyOf(severe);
        severe.clear();
        assertThat(logged).as("%s: what Vert.x logged", c.id()).isEmpty();
    }

    private Map<String, Integer> counts() {
        return Map.of("routed", spent.get("routed").get(), "embedded", spent.get("embedded").get(),
                "backend", spent.get("backend").get(), "feedback", spent.get("feedback").get(),
                "reloads", spent.get("reloads").get());
    }

    // HTTP

    private void http(HostileCase c, int port) throws Exception {
        JsonObject expect = c.expect();
        RawHttp.Answer answer = RawHttp.exchange(port, RawHttp.request(c), 10_000);
        String what = c.id() + " answered " + answer.status() + " " + abbreviate(answer.text());
        dump(what);
        assertThat(answer.status()).as(what).isEqualTo(expect.getInteger("status"));
        if (answer.status() == 0) {
            return;
        }
        // Errors are JSON unless the case says otherwise (content_type null: an answer Vert.x sends before any
        // handler of ours can see the request).
        String contentType = expect.containsKey("content_type") ? expect.getString("content_type")
                : answer.status() >= 400 ? "application/json" : null;
        if (contentType != null) {
            assertThat(answer.header("content-type")).as(what).startsWith(contentType);
        }
        JsonObject headers = expect.getJsonObject("headers", new JsonObject());
        headers.forEach(h -> assertThat(answer.header(h.getKey())).as(what + ": header " + h.getKey())
                .isNotNull().matches((String) h.getValue()));
        if (expect.getBoolean("no_body", false)) {
            assertThat(answer.body()).as(what).isEmpty();
        }
        if (expect.containsKey("body_contains")) {
            assertThat(answer.text()).as(what).contains(expect.getString("body_contains"));
        }
        if (expect.containsKey("error")) {
            assertError(what, new JsonObject(answer.text()), expect.getJsonObject("error"));
        }
        JsonObject fields = expect.getJsonObject("fields", new JsonObject());
        if (!fields.isEmpty()) {
            JsonObject body = new JsonObject(answer.text());
            fields.forEach(f -> assertThat(String.valueOf(body.getValue(f.getKey()))).as(what + ": " + f.getKey())
                    .matches((String) f.getValue()));
        }
    }

    /** The OpenAI error shape: {@code error} with message, type, param and code; each expected one as given. */
    private static void assertError(String what, JsonObject body, JsonObject expected) {
        assertThat(body.getValue("error")).as(what).isInstanceOf(JsonObject.class);
        JsonObject error = body.getJsonObject("error");
        assertThat(error.fieldNames()).as(what).contains("message", "type", "param", "code");
        assertThat(error.getString("message")).as(what).isNotBlank();
        for (String key : List.of("type", "code", "param")) {
            if (expected.containsKey(key)) {
                assertThat(error.getValue(key)).as(what + ": error." + key).isEqualTo(expected.getValue(key));
            }
        }
        if (expected.containsKey("message")) {
            assertThat(error.getString("message")).as(what).contains(expected.getString("message"));
        }
    }

    // ExtProc

    /** A stream through the gRPC client: the case's messages, then the half-close a gateway sends. */
    private void grpcStream(HostileCase c) throws Exception {
        List<ProcessingRequest> messages = ExtProcMessages.of(c.spec().getJsonArray("messages"));
        GrpcClientRequest<ProcessingRequest, ProcessingResponse> request = grpc
                .request(SocketAddress.inetSocketAddress(extprocPort, "127.0.0.1"), ExternalProcessorGrpcClient.Process)
                .await(10, TimeUnit.SECONDS);
        List<ProcessingResponse> responses = new CopyOnWriteArrayList<>();
        CompletableFuture<String[]> ended = new CompletableFuture<>();
        request.response().onComplete(result -> {
            if (result.failed()) {
                ended.completeExceptionally(result.cause());
                return;
            }
            result.result().handler(responses::add);
            // Vert.x 5.0.7's statusMessage() reads grpc-message from the headers only, not from the trailers.
            result.result().endHandler(v -> ended.complete(new String[] {result.result().status().name(),
                    grpcMessage(result.result().trailers().get("grpc-message"), result.result().statusMessage())}));
            result.result().exceptionHandler(ended::completeExceptionally);
        });
        try {
            for (ProcessingRequest message : messages) {
                request.write(message);
            }
            request.end();
        } catch (IllegalStateException streamAlreadyEnded) {
            // The processor ended the stream before the gateway sent everything: what it answered counts.
        }
        String[] status = ended.get(10, TimeUnit.SECONDS);
        assertExtProc(c, responses, status[0], status[1]);
    }

    private void assertExtProc(HostileCase c, List<ProcessingResponse> responses, String status, String message) {
        JsonObject expect = c.expect();
        List<String> kinds = responses.stream().map(ExtProcMessages::kind).toList();
        String what = c.id() + " answered " + kinds + " then " + status + " '" + message + "'";
        dump(what + responses.stream().filter(ProcessingResponse::hasImmediateResponse).map(r -> " "
                + r.getImmediateResponse().getStatus().getCodeValue() + " " + r.getImmediateResponse().getBody()
                .toStringUtf8()).findFirst().orElse(""));
        assertThat(status).as(what).isEqualTo(expect.getString("grpc_status", "OK"));
        if (expect.containsKey("grpc_message")) {
            assertThat(message).as(what).contains(expect.getString("grpc_message"));
        }
        if (expect.containsKey("responses")) {
            assertThat(kinds).as(what).isEqualTo(expect.getJsonArray("responses").getList());
        }
        JsonObject immediate = expect.getJsonObject("immediate");
        if (immediate != null) {
            ImmediateResponse last = responses.stream().filter(ProcessingResponse::hasImmediateResponse)
                    .map(ProcessingResponse::getImmediateResponse).reduce((a, b) -> b).orElse(null);
            assertThat(last).as(what + ": an immediate response").isNotNull();
            assertThat(last.getStatus().getCodeValue()).as(what).isEqualTo(immediate.getInteger("status"));
            assertThat(last.getHeaders().getSetHeadersList()).as(what).anySatisfy(h -> {
                assertThat(h.getHeader().getKey()).isEqualTo("content-type");
                assertThat(h.getHeader().getRawValue().toStringUtf8()).startsWith("application/json");
            });
            JsonObject body = new JsonObject(last.getBody().toStringUtf8());
            if (immediate.containsKey("error")) {
                assertError(what + " " + abbreviate(body.encode()), body, immediate.getJsonObject("error"));
            }
        }
    }

    /**
     * A request to the Process method through a plain HTTP/2 client, with frames no gRPC client would write:
     * {@code frames} of {@code {"message": ...}} (a ProcessingRequest, {@code append}: bytes after it) or
     * {@code {"bytes": segments}} (anything, a character a byte), each with an optional {@code gzip} (compressed and
     * flagged), a {@code compressed} flag alone and a {@code length} that may lie; {@code content_type} (null: none),
     * {@code path}, {@code method} and {@code headers}.
     */
    private void rawGrpc(HostileCase c) throws Exception {
        JsonObject spec = c.spec();
        Buffer payload = Buffer.buffer();
        for (Object f : spec.getJsonArray("frames")) {
            JsonObject frame = (JsonObject) f;
            Buffer bytes = Buffer.buffer(frame.containsKey("message")
                    ? ExtProcMessages.of(frame.getJsonObject("message")).toByteArray()
                    : HostileCase.bytes(frame.getValue("bytes"), StandardCharsets.ISO_8859_1))
                    .appendBytes(HostileCase.bytes(frame.getValue("append"), StandardCharsets.ISO_8859_1));
            boolean gzip = frame.getBoolean("gzip", false);
            if (gzip) {
                ByteArrayOutputStream zipped = new ByteArrayOutputStream();
                try (var out = new GZIPOutputStream(zipped)) {
                    out.write(bytes.getBytes());
                }
                bytes = Buffer.buffer(zipped.toByteArray());
            }
            payload.appendByte((byte) (gzip || frame.getBoolean("compressed", false) ? 1 : 0))
                    .appendInt(frame.getInteger("length", bytes.length())).appendBuffer(bytes);
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(spec.getString("method", "POST")))
                .setHost("127.0.0.1").setPort(extprocPort).setURI(spec.getString("path", PROCESS))
                .putHeader("te", "trailers");
        Object type = spec.getValue("content_type", "application/grpc");
        if (type != null) {
            options.putHeader("content-type", (String) type);
        }
        spec.getJsonObject("headers", new JsonObject()).forEach(h -> options.putHeader(h.getKey(),
                (String) h.getValue()));
        // The handlers are set before the request goes out: with send(payload).compose(body) a trailers-only answer
        // can end before body() is asked for, and the body then never completes (about one try in forty here).
        HttpClientRequest request = h2.request(options).await(10, TimeUnit.SECONDS);
        CompletableFuture<Buffer> body = new CompletableFuture<>();
        Future<HttpClientResponse> answered = request.response().onSuccess(r -> {
            Buffer received = Buffer.buffer();
            r.handler(received::appendBuffer).exceptionHandler(body::completeExceptionally)
                    .endHandler(v -> body.complete(received));
        }).onFailure(body::completeExceptionally);
        request.end(payload);
        var raw = Map.entry(answered.await(10, TimeUnit.SECONDS), body.get(10, TimeUnit.SECONDS));
        var response = raw.getKey();
        JsonObject expect = c.expect();
        String grpcStatus = response.trailers().get("grpc-status") != null ? response.trailers().get("grpc-status")
                : response.getHeader("grpc-status");
        String grpcMessage = grpcMessage(response.trailers().get("grpc-message"), response.getHeader("grpc-message"));
        String what = c.id() + " answered HTTP " + response.statusCode() + " grpc-status " + grpcStatus + " '"
                + grpcMessage + "' " + abbreviate(raw.getValue().toString());
        dump(what);
        assertThat(response.statusCode()).as(what).isEqualTo(expect.getInteger("status", 200));
        if (expect.containsKey("grpc_status")) {
            assertThat(grpcStatus).as(what)
                    .isEqualTo(String.valueOf(GrpcStatus.valueOf(expect.getString("grpc_status")).code));
        }
        if (expect.containsKey("grpc_message")) {
            assertThat(grpcMessage).as(what).contains(expect.getString("grpc_message"));
        }
        if (expect.containsKey("error")) {
            assertThat(response.getHeader("content-type")).as(what).startsWith("application/json");
            assertError(what, new JsonObject(raw.getValue()), expect.getJsonObject("error"));
        }
        if (expect.containsKey("answers")) {
            assertThat(raw.getValue().length() > 0).as(what + ": answered with messages")
                    .isEqualTo(expect.getBoolean("answers"));
        }
    }

    /** The grpc-message of the trailers, else of the headers (a trailers-only answer), percent-decoded. */
    private static String grpcMessage(String inTrailers, String inHeaders) {
        String message = inTrailers != null ? inTrailers : inHeaders;
        return message == null ? null : QueryStringDecoder.decodeComponent(message, StandardCharsets.UTF_8);
    }

    /**
     * With {@code -Dhostile.dump=FILE}, every answer is appended to FILE before it is checked: what a new case gets
     * today, to write its expectation from (after judging whether that answer is right).
     */
    private static void dump(String what) {
        String file = System.getProperty("hostile.dump");
        if (file != null) {
            try {
                Files.writeString(Path.of(file), what.replace('\n', ' ') + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
