package dev.switchboard.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.CandidateScore;
import dev.switchboard.contracts.bus.Codecs;
import dev.switchboard.contracts.bus.ConfigChanged;
import dev.switchboard.contracts.bus.DecisionRecord;
import dev.switchboard.contracts.bus.FailureCode;
import dev.switchboard.contracts.bus.OutcomeEvent;
import dev.switchboard.contracts.bus.ReasonCode;
import dev.switchboard.contracts.bus.RouteDecision;
import dev.switchboard.contracts.bus.RouteRequest;
import dev.switchboard.contracts.config.ConfigLoader;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP proxy against an OpenAI-compatible backend served on 127.0.0.1 (JSON, server-sent events, errors), with a
 * fake router: MoM → qwen-coder, a concrete model passes, anything else is unknown.
 */
class HttpIngressTest {

    /** The configured limit, smaller than the default so that the test shows the setting is applied. */
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private Vertx vertx;
    private String config;
    private String backendBase;
    private int port;
    private final List<JsonObject> backendBodies = new CopyOnWriteArrayList<>();
    private final List<String> backendAuth = new CopyOnWriteArrayList<>();
    private final List<String> backendTiers = new CopyOnWriteArrayList<>();
    private final List<OutcomeEvent> outcomes = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Codecs.registerAll(vertx.eventBus());
        HttpServer backend = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            backendAuth.add(String.valueOf(request.getHeader("Authorization")));
            backendTiers.add(String.valueOf(request.getHeader("x-tenant-tier")));
            if (request.path().startsWith("/hang")) {
                return; // accepts the request and never answers
            }
            if (request.path().startsWith("/fail")) {
                request.response().setStatusCode(503).putHeader("content-type", "application/json")
                        .end("{\"error\":{\"message\":\"overloaded\"}}");
                return;
            }
            JsonObject json = body.toJsonObject();
            backendBodies.add(json);
            if (json.getBoolean("stream", false)) {
                var response = request.response().setChunked(true).putHeader("content-type", "text/event-stream");
                response.write("data: {\"choices\":[{\"delta\":{\"content\":\"def \"}}]}\n\n");
                response.write("data: {\"choices\":[{\"delta\":{\"content\":\"fib\"}}]}\n\n");
                response.end("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":2}}\n\n"
                        + "data: [DONE]\n\n");
            } else {
                request.response().putHeader("content-type", "application/json").end(new JsonObject()
                        .put("model", json.getString("model"))
                        .put("choices", List.of(Map.of("message", Map.of("role", "assistant", "content", "hi"))))
                        .put("usage", Map.of("prompt_tokens", 12, "completion_tokens", 1)).encode());
            }
        })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        backendBase = "http://127.0.0.1:" + backend.actualPort();
        vertx.eventBus().<RouteRequest>localConsumer(Addresses.ROUTER_ROUTE, message -> {
            RouteRequest r = message.body();
            switch (r.requestedModel()) {
                case "MoM" -> {
                    RouteDecision decision = new RouteDecision(r.requestId(), "MoM", "qwen-coder", "qwen2.5-coder:7b",
                            "local", "MoM", "multi_factor", 0.9, List.of(new CandidateScore("qwen-coder", 1.0,
                            Map.of("quality", 1.0))), ReasonCode.AUTO_ROUTING, 1500, "rev");
                    // As the router records a decision that will be forwarded, before it answers.
                    if (!r.dryRun()) {
                        vertx.eventBus().publish(Addresses.FEEDBACK_DECISION, new DecisionRecord(decision,
                                r.userMessage(), null, null, r.sessionId(), null, 1_765_000_000_000L, Map.of(),
                                Map.of("keyword:code", 1.0)));
                    }
                    message.reply(decision);
                }
                case "gpt-4o", "gemini-flash", "deepthink", "newcomer" -> message.reply(new RouteDecision(r.requestId(), r.requestedModel(),
                        r.requestedModel(), r.requestedModel(), "b", null, null, 1.0, List.of(),
                        ReasonCode.CONCRETE_MODEL, 10, "rev"));
                default -> message.fail(FailureCode.INVALID_ARGUMENT.code(),
                        "model '" + r.requestedModel() + "' is not available");
            }
        }).completion().await(10, TimeUnit.SECONDS);
        vertx.eventBus().<OutcomeEvent>localConsumer(Addresses.FEEDBACK_OUTCOME, m -> outcomes.add(m.body()))
                .completion().await(10, TimeUnit.SECONDS);
        String yaml = """
                version: v0.3
                providers:
                  defaults: {default_model: qwen-coder}
                  models:
                    - name: qwen-coder
                      provider_model_id: qwen2.5-coder:7b
                      backend_refs: [{name: local, endpoint: "127.0.0.1:%d", protocol: http, api_key_env: PATH}]
                    - name: gpt-4o
                      backend_refs: [{name: b, base_url: "http://127.0.0.1:%d/fail/v1"}]
                    - name: gemini-flash
                      backend_refs: [{name: b, base_url: "http://127.0.0.1:1/v1"}]
                    - name: deepthink
                      backend_refs: [{name: b, base_url: "http://127.0.0.1:%d/hang/v1"}]
                routing:
                  decisions:
                    - name: MoM
                      rules: {}
                      modelRefs: [{model: qwen-coder}]
                      plugins:
                        - type: system_prompt
                          configuration: {system_prompt: You write Python.}
                        - type: header_mutation
                          configuration: {add: [{name: x-tenant-tier, value: premium}]}
                        - type: router_replay
                          configuration: {max_records: 2}
                global:
                  services: {http: {port: 0}, extproc: {port: 0}}
                  proxy: {max_body_bytes: %d, backend_idle_timeout: 500ms}
                """.formatted(backend.actualPort(), backend.actualPort(), backend.actualPort(), MAX_BODY_BYTES);
        config = yaml;
        port = TestProxies.deploy(vertx, yaml).httpPort();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).header("content-type", "application/json")
                .header("x-request-id", "req-7").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldForwardTheDecisionsSystemPromptAndHeaders() throws Exception {
        HttpResponse<String> routed = post("/v1/chat/completions", chat("MoM", false));
        HttpResponse<String> named = post("/v1/chat/completions", chat("gpt-4o", false));

        assertThat(routed.statusCode()).isEqualTo(200);
        assertThat(backendBodies.get(0).getJsonArray("messages").getJsonObject(0).getString("content"))
                .isEqualTo("You write Python.");
        assertThat(backendBodies.get(0).getJsonArray("messages").getJsonObject(1).getString("content"))
                .isEqualTo("Write a Python fibonacci");
        // The model asked for by name has no decision, so nothing of MoM's is added to it.
        assertThat(named.statusCode()).isEqualTo(503);
        assertThat(backendTiers).containsExactly("premium", "null");
    }

    static String chat(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Write a Python fibonacci\"}]}";
    }

    private void awaitOutcomes(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (outcomes.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void shouldRouteAndForwardAJsonCompletionWithTheDecisionHeaders() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", chat("MoM", false));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(response.body()).getString("model")).isEqualTo("qwen2.5-coder:7b");
        assertThat(backendBodies).singleElement().satisfies(b -> assertThat(b.getString("model"))
                .isEqualTo("qwen2.5-coder:7b"));
        assertThat(backendAuth).singleElement().asString().startsWith("Bearer ");
        assertThat(response.headers().firstValue("x-switchboard-model")).hasValue("qwen-coder");
        assertThat(response.headers().firstValue("x-switchboard-decision")).hasValue("MoM");
        assertThat(response.headers().firstValue("x-switchboard-algorithm")).hasValue("multi_factor");
        assertThat(response.headers().firstValue("x-switchboard-confidence")).hasValue("0.900");
        assertThat(response.headers().firstValue("x-switchboard-request-id")).hasValue("req-7");
        awaitOutcomes(1);
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(200);
            assertThat(o.model()).isEqualTo("qwen-coder");
            assertThat(o.completionTokens()).isEqualTo(1);
        });
    }

    @Test
    void shouldKeepAQueryableReplayRecordOfTheDecisionAndItsOutcomeWithoutThePrompt() throws Exception {
        post("/v1/chat/completions", chat("MoM", false));
        awaitOutcomes(1);

        HttpResponse<String> list = get("/v1/router_replay?decision=MoM&limit=10");
        HttpResponse<String> one = get("/v1/router_replay/req-7");

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(list.body()).getJsonArray("data")).singleElement()
                .satisfies(r -> assertThat(((JsonObject) r).getString("id")).isEqualTo("req-7"));
        JsonObject record = new JsonObject(one.body());
        assertThat(record.getString("model")).isEqualTo("qwen-coder");
        assertThat(record.getString("reason")).isEqualTo("auto_routing");
        assertThat(record.getJsonObject("signals").getDouble("keyword:code")).isEqualTo(1.0);
        assertThat(record.getJsonObject("outcome").getInteger("status")).isEqualTo(200);
        assertThat(record.getJsonObject("outcome").getInteger("completion_tokens")).isEqualTo(1);
        assertThat(one.body()).doesNotContain("fibonacci");
        assertThat(get("/v1/router_replay/nope").statusCode()).isEqualTo(404);
        assertThat(get("/v1/router_replay?limit=0").statusCode()).isEqualTo(400);
        assertThat(new JsonObject(get("/v1/router_replay?model=gpt-4o").body()).getJsonArray("data")).isEmpty();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldStreamServerSentEventsThrough() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", chat("MoM", true));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
        assertThat(response.body()).contains("\"content\":\"def \"", "\"content\":\"fib\"", "data: [DONE]");
        awaitOutcomes(1);
        assertThat(outcomes.get(0).promptTokens()).isEqualTo(12);
        assertThat(outcomes.get(0).completionTokens()).isEqualTo(2);
        assertThat(outcomes.get(0).ttftMs()).isNotNull();
    }

    @Test
    void shouldPassBackendErrorsThroughAndAnswerUnreachableBackendsWith502() throws Exception {
        HttpResponse<String> overloaded = post("/v1/chat/completions", chat("gpt-4o", false));
        HttpResponse<String> unreachable = post("/v1/chat/completions", chat("gemini-flash", false));

        assertThat(overloaded.statusCode()).isEqualTo(503);
        assertThat(overloaded.body()).contains("overloaded");
        assertThat(unreachable.statusCode()).isEqualTo(502);
        assertThat(new JsonObject(unreachable.body()).getJsonObject("error").getString("code"))
                .isEqualTo("backend_unreachable");
        awaitOutcomes(2);
        assertThat(outcomes).extracting(OutcomeEvent::status, OutcomeEvent::backendAnswered)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(503, true),
                        org.assertj.core.groups.Tuple.tuple(502, false));
    }

    @Test
    void shouldForwardToAModelAddedByAReloadAndServeTheDefaultModelUntilThen() throws Exception {
        HttpResponse<String> before = post("/v1/chat/completions", chat("newcomer", false));
        String reloaded = config.replace("    - name: deepthink\n", "    - name: newcomer\n"
                + "      provider_model_id: newcomer-8b\n"
                + "      backend_refs: [{name: b, base_url: \"" + backendBase + "/v1\"}]\n"
                + "    - name: deepthink\n");
        vertx.eventBus().publish(Addresses.CONFIG_CHANGED,
                new ConfigChanged("r2", ConfigLoader.parse(reloaded, "test").config()));
        // The publish reaches the proxy's event loop asynchronously: a request sent at once may still see the old
        // model list, so ask again until the reload shows (or the deadline fails the test).
        HttpResponse<String> after = post("/v1/chat/completions", chat("newcomer", false));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!after.headers().firstValue("x-switchboard-model").orElse("").equals("newcomer")
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
            after = post("/v1/chat/completions", chat("newcomer", false));
        }

        assertThat(before.statusCode()).isEqualTo(200);
        assertThat(before.headers().firstValue("x-switchboard-model")).as("router ahead of the proxy")
                .hasValue("qwen-coder");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.headers().firstValue("x-switchboard-model")).hasValue("newcomer");
        assertThat(new JsonObject(after.body()).getString("model")).isEqualTo("newcomer-8b");
    }

    @Test
    void shouldAnswer504WhenTheBackendGoesSilentForTheConfiguredTime() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", chat("deepthink", false));

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(new JsonObject(response.body()).getJsonObject("error").getString("code"))
                .isEqualTo("backend_timeout");
        awaitOutcomes(1);
        assertThat(outcomes).extracting(OutcomeEvent::status).containsExactly(504);
    }

    @Test
    void shouldRefuseABodyOverTheConfiguredLimitWith413() throws Exception {
        String huge = chat("MoM", false).replace("Write a Python fibonacci", "x".repeat(MAX_BODY_BYTES));

        HttpResponse<String> response = post("/v1/chat/completions", huge);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(new JsonObject(response.body()).getJsonObject("error").getString("code"))
                .isEqualTo("request_too_large");
        assertThat(backendBodies).isEmpty();
    }

    @Test
    void shouldRefuseUnknownModelsAndBadBodiesWith400() throws Exception {
        HttpResponse<String> unknown = post("/v1/chat/completions", chat("gpt-5", false));
        HttpResponse<String> malformed = post("/v1/chat/completions", "{\"model\":");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("model 'gpt-5' is not available");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("not valid JSON");
        assertThat(backendBodies).isEmpty();
    }

    @Test
    void shouldExplainADecisionWithoutForwardingIt() throws Exception {
        HttpResponse<String> response = post("/api/v1/route", chat("MoM", false));

        JsonObject decision = new JsonObject(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(decision.getString("request_id")).isEqualTo("req-7");
        assertThat(decision.getString("selected_model")).isEqualTo("qwen-coder");
        assertThat(decision.getString("provider_model_id")).isEqualTo("qwen2.5-coder:7b");
        assertThat(decision.getString("decision")).isEqualTo("MoM");
        assertThat(decision.getString("algorithm")).isEqualTo("multi_factor");
        assertThat(decision.getString("reason_code")).isEqualTo("auto_routing");
        assertThat(decision.getDouble("routing_latency_ms")).isEqualTo(1.5);
        assertThat(decision.getJsonArray("scores").getJsonObject(0).getString("model")).isEqualTo("qwen-coder");
        assertThat(backendBodies).isEmpty();
    }

    @Test
    void shouldListTheModels() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/v1/models")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(new JsonObject(response.body()).getJsonArray("data").size()).isEqualTo(7);
    }
}
