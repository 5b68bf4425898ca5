package dev.switchboard.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.Codecs;
import dev.switchboard.contracts.bus.Escalation;
import dev.switchboard.contracts.bus.OutcomeEvent;
import dev.switchboard.contracts.bus.ReasonCode;
import dev.switchboard.contracts.bus.RouteDecision;
import dev.switchboard.contracts.bus.RouteRequest;
import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.contracts.config.ProxySettings;
import dev.switchboard.contracts.health.Readiness;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * automix's self-verification through the HTTP proxy, against a backend on 127.0.0.1 that plays two models: the
 * small one answers and, asked to verify, rates its own answer by what the prompt says; the large one answers.
 */
class SelfVerificationTest {

    private Vertx vertx;
    private int port;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<OutcomeEvent> outcomes = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Codecs.registerAll(vertx.eventBus());
        HttpServer backend = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            JsonObject json = body.toJsonObject();
            JsonArray messages = json.getJsonArray("messages");
            boolean verifying = "system".equals(messages.getJsonObject(0).getString("role"))
                    && messages.getJsonObject(0).getString("content").equals(SelfVerification.INSTRUCTION);
            String model = json.getString("model");
            String question = messages.getJsonObject(messages.size() - 1).getString("content");
            calls.add((verifying ? "verify:" : "answer:") + model);
            String content = verifying ? (question.contains("hard") ? "3" : "9/10") : model + " answers";
            request.response().putHeader("content-type", "application/json").end(new JsonObject()
                    .put("model", model)
                    .put("choices", List.of(Map.of("message", Map.of("role", "assistant", "content", content))))
                    .put("usage", Map.of("prompt_tokens", 10, "completion_tokens", 2)).encode());
        })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        vertx.eventBus().<RouteRequest>localConsumer(Addresses.ROUTER_ROUTE, message -> message.reply(
                new RouteDecision(message.body().requestId(), "MoM", "small", "small-1", "b", "MoM", "automix", 0.6,
                        List.of(), ReasonCode.AUTO_ROUTING, 100, "rev", new Escalation(0.7, List.of("large")))))
                .completion().await(10, TimeUnit.SECONDS);
        vertx.eventBus().<OutcomeEvent>localConsumer(Addresses.FEEDBACK_OUTCOME, m -> outcomes.add(m.body()))
                .completion().await(10, TimeUnit.SECONDS);
        String yaml = """
                version: v0.3
                providers:
                  defaults: {default_model: small}
                  models:
                    - name: small
                      provider_model_id: small-1
                      backend_refs: [{name: b, endpoint: "127.0.0.1:%d", protocol: http}]
                    - name: large
                      provider_model_id: large-1
                      backend_refs: [{name: b, endpoint: "127.0.0.1:%d", protocol: http}]
                global:
                  services: {http: {port: 0}, extproc: {port: 0}}
                """.formatted(backend.actualPort(), backend.actualPort());
        ProxyVerticle proxy = new ProxyVerticle(ProxySettings.of(ConfigLoader.parse(yaml, "test").config()),
                new Readiness(), "none");
        vertx.deployVerticle(proxy).await(10, TimeUnit.SECONDS);
        port = proxy.httpPort();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private HttpResponse<String> chat(String prompt, boolean stream) throws Exception {
        String body = new JsonObject().put("model", "MoM").put("stream", stream)
                .put("messages", List.of(Map.of("role", "user", "content", prompt))).encode();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldKeepTheCheapAnswerWhenItVerifies() throws Exception {
        HttpResponse<String> response = chat("an easy question", false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(response.body()).getString("model")).isEqualTo("small-1");
        assertThat(response.headers().firstValue(DecisionHeaders.MODEL)).hasValue("small");
        assertThat(response.headers().firstValue(DecisionHeaders.ESCALATIONS)).hasValue("0");
        assertThat(response.headers().firstValue(DecisionHeaders.VERIFICATION)).hasValue("0.90");
        assertThat(calls).containsExactly("answer:small-1", "verify:small-1");
    }

    @Test
    void shouldEscalateWhenTheCheapModelDoubtsItsAnswer() throws Exception {
        HttpResponse<String> response = chat("a hard question", false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(response.body()).getString("model")).isEqualTo("large-1");
        assertThat(response.headers().firstValue(DecisionHeaders.MODEL)).hasValue("large");
        assertThat(response.headers().firstValue(DecisionHeaders.ESCALATIONS)).hasValue("1");
        assertThat(calls).as("the last model's answer is kept unverified")
                .containsExactly("answer:small-1", "verify:small-1", "answer:large-1");
        // Outcomes are published on the bus as each call ends; the last can follow the response to the client.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (outcomes.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(outcomes).extracting(OutcomeEvent::model).containsExactly("small", "large");
    }

    @Test
    void shouldNotVerifyAStreamedAnswer() throws Exception {
        chat("a hard question", true);

        assertThat(calls).containsExactly("answer:small-1");
    }

    @Test
    void shouldReadTheVerifiersScore() {
        assertThat(SelfVerification.score("8")).hasValue(0.8);
        assertThat(SelfVerification.score("Score: 10/10")).hasValue(1.0);
        assertThat(SelfVerification.score("7.5")).hasValue(0.75);
        assertThat(SelfVerification.score("no idea")).isEmpty();
    }
}
