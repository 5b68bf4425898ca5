package dev.switchboard.proxy.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.Codecs;
import dev.switchboard.contracts.bus.FeedbackReceipt;
import dev.switchboard.contracts.bus.FeedbackSubmission;
import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.contracts.config.ProxySettings;
import dev.switchboard.contracts.health.Readiness;
import dev.switchboard.proxy.ProxyVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
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

/** The feedback and ratings endpoints behind a bearer token, with a stand-in feedback verticle on the bus. */
class FeedbackApiTest {

    /** An environment variable every test machine has stands in for the token's variable. */
    private static final String TOKEN_VARIABLE = "PATH";

    private Vertx vertx;
    private int port;
    private final List<FeedbackSubmission> submitted = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Codecs.registerAll(vertx.eventBus());
        vertx.eventBus().<FeedbackSubmission>localConsumer(Addresses.FEEDBACK_SUBMIT, m -> {
            submitted.add(m.body());
            m.reply(new FeedbackReceipt("e-1", m.body().requestId(), "qwen-coder", "MoM"));
        }).completion().await(10, TimeUnit.SECONDS);
        // The feedback verticle's answer: the state it published before the proxy was deployed.
        vertx.eventBus().<Void>localConsumer(Addresses.LEARNED_STATE_CURRENT, m -> m.reply(new LearnedState(1,
                Map.of("MoM", Map.of("qwen-coder", new LearnedState.ModelStats(1510, 2, 0, 2))), List.of())))
                .completion().await(10, TimeUnit.SECONDS);
        String yaml = """
                version: v0.3
                providers:
                  defaults: {default_model: qwen-coder}
                  models:
                    - name: qwen-coder
                      backend_refs: [{name: local, endpoint: "127.0.0.1:1"}]
                global:
                  services: {http: {port: 0}, extproc: {port: 0}}
                  proxy: {api_token_env: %s}
                """.formatted(TOKEN_VARIABLE);
        ProxyVerticle proxy = new ProxyVerticle(ProxySettings.of(ConfigLoader.parse(yaml, "t").config()),
                new Readiness(), "none");
        vertx.deployVerticle(proxy).await(10, TimeUnit.SECONDS);
        port = proxy.httpPort();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldRequireTheConfiguredBearerToken() throws Exception {
        String body = "{\"request_id\":\"r1\",\"type\":\"thumbs_up\"}";

        HttpResponse<String> anonymous = send("POST", "/api/v1/feedback", body, null);
        HttpResponse<String> wrong = send("POST", "/api/v1/feedback", body, "guess");
        HttpResponse<String> right = send("POST", "/api/v1/feedback", body, System.getenv(TOKEN_VARIABLE));
        HttpResponse<String> ratings = send("GET", "/api/v1/ratings", null, null);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(right.statusCode()).isEqualTo(202);
        assertThat(new JsonObject(right.body()).getString("event_id")).isEqualTo("e-1");
        assertThat(submitted).singleElement().satisfies(s -> assertThat(s.type()).isEqualTo("thumbs_up"));
        assertThat(ratings.statusCode()).isEqualTo(401);
    }

    @Test
    void shouldShowWhatWasLearnedBeforeItStartedWithoutWaitingForTheNextChange() throws Exception {
        JsonObject ratings = new JsonObject(send("GET", "/api/v1/ratings?decision=MoM", null,
                System.getenv(TOKEN_VARIABLE)).body());

        assertThat(ratings.getLong("version")).isEqualTo(1);
        assertThat(ratings.getJsonArray("models").getJsonObject(0).getDouble("rating")).isEqualTo(1510.0);
    }

    @Test
    void shouldListTheLatestRatingsBestFirst() throws Exception {
        vertx.eventBus().publish(Addresses.ROUTER_LEARNING, new LearnedState(3, Map.of("MoM", Map.of(
                "qwen-coder", new LearnedState.ModelStats(1480, 1, 3, 4),
                "gpt-4o", new LearnedState.ModelStats(1520, 3, 1, 4))), List.of()));
        vertx.eventBus().publish(Addresses.ROUTER_LEARNING, new LearnedState(2, Map.of(), List.of()));

        // Publishes arrive asynchronously, in order: once version 3 shows, version 2 is next in the queue.
        JsonObject ratings = new JsonObject();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (ratings.getLong("version", 0L) != 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            ratings = new JsonObject(send("GET", "/api/v1/ratings?decision=MoM", null,
                    System.getenv(TOKEN_VARIABLE)).body());
        }
        Thread.sleep(100);
        ratings = new JsonObject(send("GET", "/api/v1/ratings?decision=MoM", null, System.getenv(TOKEN_VARIABLE))
                .body());

        assertThat(ratings.getLong("version")).as("an older state never replaces a newer one").isEqualTo(3);
        assertThat(ratings.getJsonArray("models").getJsonObject(0).getString("model")).isEqualTo("gpt-4o");
        assertThat(ratings.getJsonArray("models").getJsonObject(0).getDouble("success_rate")).isEqualTo(0.75);
    }

    @Test
    void shouldNameWhatIsWrongWithAFeedbackBody() {
        assertThatThrownBy(() -> FeedbackRequest.parse(Buffer.buffer("[1]")))
                .hasMessageContaining("JSON object");
        assertThatThrownBy(() -> FeedbackRequest.parse(Buffer.buffer("{\"type\":\"thumbs_up\"}")))
                .hasMessageContaining("'request_id'");
        assertThatThrownBy(() -> FeedbackRequest.parse(Buffer.buffer(
                "{\"request_id\":\"r\",\"type\":\"rating\",\"score\":1.5}"))).hasMessageContaining("from 0 to 1");
        assertThatThrownBy(() -> FeedbackRequest.parse(Buffer.buffer(
                "{\"request_id\":\"r\",\"type\":\"pairwise\",\"winner\":\"a\",\"loser\":\"a\"}")))
                .hasMessageContaining("different");
        assertThatThrownBy(() -> FeedbackRequest.parse(Buffer.buffer(
                "{\"request_id\":\"r\",\"type\":\"verdict\",\"verdict\":\"meh\"}"))).hasMessageContaining("good_fit");
        assertThatThrownBy(() -> FeedbackRequest.parse(Buffer.buffer(
                "{\"request_id\":\"r\",\"type\":\"domain\"}"))).hasMessageContaining("'domain'");
        assertThatThrownBy(() -> FeedbackRequest.parse(Buffer.buffer(
                "{\"request_id\":\"r\",\"type\":\"domain\",\"domain\":\"" + "x".repeat(65) + "\"}")))
                .hasMessageContaining("at most 64");
    }

    @Test
    void shouldReadTheSubjectOfDomainFeedback() throws Exception {
        FeedbackSubmission domain = FeedbackRequest.parse(Buffer.buffer(
                "{\"request_id\":\"r\",\"type\":\"domain\",\"domain\":\"law\"}"));

        assertThat(domain.type()).isEqualTo(FeedbackSubmission.DOMAIN);
        assertThat(domain.domain()).isEqualTo("law");
    }
}
