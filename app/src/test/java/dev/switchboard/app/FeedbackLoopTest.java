package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.config.ConfigLoader;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop in one process with the embedded broker: the homelab config switched to {@code elo} (one line),
 * chats through the HTTP proxy to a backend on 127.0.0.1, pairwise feedback through {@code POST /api/v1/feedback},
 * Kafka, the learning loop and {@code router.learning}, and a later request routed differently because of it.
 */
class FeedbackLoopTest {

    @TempDir
    Path dir;

    private Vertx backendVertx;
    private Switchboard switchboard;
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void stop() throws Exception {
        if (switchboard != null) {
            switchboard.stop().await(30, TimeUnit.SECONDS);
        }
        if (backendVertx != null) {
            backendVertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private void start() throws Exception {
        start("elo");
    }

    private void start(String algorithm) throws Exception {
        backendVertx = Vertx.vertx();
        HttpServer backend = backendVertx.createHttpServer().requestHandler(request -> request.body().onSuccess(b ->
                request.response().putHeader("content-type", "application/json").end(new JsonObject()
                        .put("model", b.toJsonObject().getString("model"))
                        .put("choices", List.of(Map.of("message", Map.of("role", "assistant", "content", "ok"))))
                        .put("usage", Map.of("prompt_tokens", 10, "completion_tokens", 2)).encode())))
                .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, Files.readString(HomelabStubTest.STUB_CONFIG)
                .replace("127.0.0.1:6556", "127.0.0.1:" + backend.actualPort())
                .replace("type: multi_factor", "type: " + algorithm)
                + "global:\n  services:\n    http: {port: 0}\n    extproc: {port: 0}\n" + TestConfigs.kafkaIn(dir));
        switchboard = Switchboard.start(config, ConfigLoader.load(config)).await(90, TimeUnit.SECONDS);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + switchboard.httpPort() + path))
                .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> chat(String prompt) throws Exception {
        return send("POST", "/v1/chat/completions", new JsonObject().put("model", "MoM").put("messages",
                List.of(Map.of("role", "user", "content", prompt))).encode());
    }

    @Test
    void shouldRouteDifferentlyAfterFeedback() throws Exception {
        start();
        HttpResponse<String> before = chat("What's the capital of France?");
        assertThat(before.headers().firstValue("x-switchboard-algorithm")).hasValue("elo");
        assertThat(before.headers().firstValue("x-switchboard-model")).as("no ratings yet: the first candidate")
                .hasValue("qwen-coder");

        for (int i = 0; i < 3; i++) {
            String requestId = chat("Summarise this paragraph for me, please " + i).headers()
                    .firstValue("x-switchboard-request-id").orElseThrow();
            HttpResponse<String> accepted = send("POST", "/api/v1/feedback", new JsonObject()
                    .put("request_id", requestId).put("type", "pairwise").put("winner", "gemini-flash")
                    .put("loser", "qwen-coder").encode());
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        }
        JsonObject ratings = awaitRatings(r -> r.getJsonArray("models").size() > 0 && r.getJsonArray("models")
                .getJsonObject(0).getLong("comparisons") == 3);
        HttpResponse<String> after = chat("What's the capital of France?");

        assertThat(ratings.getJsonArray("models").getJsonObject(0).getString("model")).isEqualTo("gemini-flash");
        assertThat(after.headers().firstValue("x-switchboard-model")).hasValue("gemini-flash");
        assertThat(new JsonObject(after.body()).getString("model")).isEqualTo("gemini-2.5-flash");
    }

    /**
     * {@code rl_driven} (Thompson sampling), one line away: with no feedback it spreads live requests over the
     * models; thumbs through Kafka saying that only gemini-flash answers well then draw nearly all of them to it.
     */
    @Test
    void rlDrivenShouldExploreThenFollowThumbsThroughKafka() throws Exception {
        start("rl_driven");
        java.util.Set<String> triedWhileLearning = new java.util.HashSet<>();
        for (int i = 0; i < 24; i++) {
            HttpResponse<String> answer = chat("Tell me something about number " + i);
            String model = answer.headers().firstValue("x-switchboard-model").orElseThrow();
            triedWhileLearning.add(model);
            HttpResponse<String> accepted = send("POST", "/api/v1/feedback", new JsonObject()
                    .put("request_id", answer.headers().firstValue("x-switchboard-request-id").orElseThrow())
                    .put("type", model.equals("gemini-flash") ? "thumbs_up" : "thumbs_down").encode());
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            Thread.sleep(50);
        }
        Thread.sleep(1000);
        int toGemini = 0;
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> answer = chat("Tell me something else about number " + i);
            toGemini += answer.headers().firstValue("x-switchboard-model").orElseThrow().equals("gemini-flash")
                    ? 1 : 0;
        }

        assertThat(triedWhileLearning).as("explored while it knew little").hasSizeGreaterThanOrEqualTo(2);
        assertThat(toGemini).as("requests of 20 on gemini-flash after the thumbs").isGreaterThanOrEqualTo(14);
    }

    @Test
    void shouldAnswerBadFeedbackWith400AndUnknownRequestsWith404() throws Exception {
        start();
        String requestId = chat("hello").headers().firstValue("x-switchboard-request-id").orElseThrow();

        HttpResponse<String> badType = send("POST", "/api/v1/feedback",
                "{\"request_id\":\"" + requestId + "\",\"type\":\"stars\"}");
        HttpResponse<String> badScore = send("POST", "/api/v1/feedback",
                "{\"request_id\":\"" + requestId + "\",\"type\":\"rating\",\"score\":\"high\"}");
        HttpResponse<String> malformed = send("POST", "/api/v1/feedback", "{\"request_id\":");
        HttpResponse<String> unknown = send("POST", "/api/v1/feedback",
                "{\"request_id\":\"never-seen\",\"type\":\"thumbs_up\"}");
        HttpResponse<String> fine = send("POST", "/api/v1/feedback",
                "{\"request_id\":\"" + requestId + "\",\"type\":\"verdict\",\"verdict\":\"overprovisioned\"}");

        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(badType.body()).contains("'type' must be one of");
        assertThat(badScore.statusCode()).isEqualTo(400);
        assertThat(badScore.body()).contains("'score' must be a number");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("never-seen");
        assertThat(fine.statusCode()).isEqualTo(202);
        assertThat(new JsonObject(fine.body()).getString("model")).isEqualTo("qwen-coder");
    }

    @Test
    void analyticsShouldReportTheTrafficWhetherSwitchboardRunsOrNot() throws Exception {
        start();
        for (int i = 0; i < 3; i++) {
            String id = chat("Write a Rust function number " + i).headers().firstValue("x-switchboard-request-id")
                    .orElseThrow();
            send("POST", "/api/v1/feedback", "{\"request_id\":\"" + id + "\",\"type\":\"thumbs_up\"}");
        }
        Path config = dir.resolve("config.yaml");

        JsonObject whileRunning = awaitReport(config, r -> r.getLong("decisions") == 3
                && r.getJsonArray("models").getJsonObject(0).getLong("responses") == 3
                && r.getJsonArray("models").getJsonObject(0).getLong("feedback") == 3);
        switchboard.stop().await(30, TimeUnit.SECONDS);
        switchboard = null;
        JsonObject afterwards = report(config, "--json");
        String table = report(config).getString("text");

        JsonObject model = whileRunning.getJsonArray("models").getJsonObject(0);
        assertThat(model.getString("model")).isEqualTo("qwen-coder");
        assertThat(model.getDouble("share")).isEqualTo(1.0);
        assertThat(model.getDouble("success_rate")).isEqualTo(1.0);
        assertThat(model.getDouble("feedback_win_rate")).isEqualTo(1.0);
        assertThat(model.getDouble("latency_p50_ms")).isPositive();
        assertThat(afterwards).as("read from the data folder with Switchboard stopped").isEqualTo(whileRunning);
        assertThat(table).contains("qwen-coder", "100.0%");
    }

    /** {@code switchboard analytics --config FILE [--json]}: the JSON report, or {@code {"text": table}}. */
    private static JsonObject report(Path config, String... options) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        List<String> args = new java.util.ArrayList<>(List.of("analytics", "--config", config.toString()));
        args.addAll(List.of(options));
        int exit = Main.run(args.toArray(String[]::new), new java.io.PrintStream(out), new java.io.PrintStream(err));
        assertThat(exit).as(err.toString()).isZero();
        return options.length > 0 ? new JsonObject(out.toString()) : new JsonObject().put("text", out.toString());
    }

    private static JsonObject awaitReport(Path config, java.util.function.Predicate<JsonObject> condition)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            last = report(config, "--json");
            if (last.getJsonArray("models").size() > 0 && condition.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("report never matched: " + last);
    }

    private JsonObject awaitRatings(java.util.function.Predicate<JsonObject> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            last = new JsonObject(send("GET", "/api/v1/ratings?decision=MoM", null).body());
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("ratings never matched: " + last);
    }
}
