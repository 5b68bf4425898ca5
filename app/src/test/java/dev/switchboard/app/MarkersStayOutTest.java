package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.testing.LogCapture;
import io.envoyproxy.envoy.config.core.v3.HeaderMap;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpcClient;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpBody;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpHeaders;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProtocolConfiguration;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unique markers sent as the prompt, the system prompt, tool-call arguments, the caller's API key and a wrong API
 * token, through every path (HTTP routed and concrete, a refused body, a backend that cannot be reached, ExtProc
 * routed and refused, feedback with a wrong and a right token): none of them may reach a log line of any logger,
 * {@code /metrics}, the dashboard's snapshot or a Kafka event, since {@code include_prompts} is off. Needs the stub
 * backend of {@code tools/}.
 */
class MarkersStayOutTest {

    private static final String PROMPT = "mk-prompt-5d1e0c";
    private static final String SYSTEM = "mk-system-93b2aa";
    private static final String TOOL_ARGS = "mk-toolargs-61f7c4";
    private static final String API_KEY = "sk-mk-apikey-0a9e77";
    private static final String WRONG_TOKEN = "mk-token-c3d8f1";
    private static final List<String> MARKERS = List.of(PROMPT, SYSTEM, TOOL_ARGS, API_KEY, WRONG_TOKEN,
            "admin-secret");
    /** The right feedback token: SWITCHBOARD_TEST_ADMIN_TOKEN in the app's Surefire configuration. */
    private static final String TOKEN_VARIABLE = "SWITCHBOARD_TEST_ADMIN_TOKEN";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldKeepPromptsKeysAndTokensOutOfLogsMetricsAndEvents() throws Exception {
        StubBackend stub = StubBackend.startOrSkip(dir);
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, TestConfigs.homelabStubAt(stub.port()) + TestConfigs.GLOBAL_ON_FREE_PORTS + """
                  proxy:
                    auth: {feedback_token_env: %s, ratings_token_env: %s}
                """.formatted(TOKEN_VARIABLE, TOKEN_VARIABLE) + TestConfigs.kafkaIn(dir));
        List<String> seen = new ArrayList<>();
        String metrics;
        Map<String, List<String>> events;
        try (LogCapture logs = LogCapture.everything()) {
            Switchboard switchboard = Switchboard.start(config, ConfigLoader.load(config)).await(90, TimeUnit.SECONDS);
            try {
                int port = switchboard.httpPort();
                HttpResponse<String> routed = chat(port, chatBody("MoM"));
                seen.add("routed " + routed.statusCode());
                seen.add("concrete " + chat(port, chatBody("gpt-4o")).statusCode());
                seen.add("refused " + chat(port, chatBody("MoM").replace("\"user\"", "\"" + PROMPT + "\""))
                        .statusCode());
                seen.add("extproc routed " + extproc(switchboard.extprocPort(), chatBody("MoM")));
                seen.add("extproc refused " + extproc(switchboard.extprocPort(), "{\"model\": \"MoM\", \"messages\": "
                        + "[{\"role\": \"" + PROMPT + "\"}]"));
                String requestId = routed.headers().firstValue("x-switchboard-request-id").orElseThrow();
                String feedback = new JsonObject().put("request_id", requestId).put("type", "thumbs_up").encode();
                seen.add("feedback wrong token " + post(port, "/api/v1/feedback", feedback, WRONG_TOKEN).statusCode());
                seen.add("feedback " + post(port, "/api/v1/feedback", feedback, System.getenv(TOKEN_VARIABLE))
                        .statusCode());
                stub.close();
                seen.add("unreachable " + chat(port, chatBody("qwen-coder")).statusCode());
                metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                // The dashboard's snapshot too (open here: no admin token in this config).
                metrics += http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/dashboard/api/snapshot")).build(), HttpResponse.BodyHandlers.ofString()).body();
                Thread.sleep(1_000); // the event log's linger and the producer's round trip
                events = allEvents(dir.resolve("kafka"));
            } finally {
                switchboard.stop().await(30, TimeUnit.SECONDS);
            }
            assertThat(seen).containsExactly("routed 200", "concrete 200", "refused 400", "extproc routed OK",
                    "extproc refused 400", "feedback wrong token 401", "feedback 202", "unreachable 502");
            assertThat(logs.messages()).as("the paths were taken").contains("routing_decision", "backend_unreachable");
            for (String line : logs.rendered()) {
                assertThat(line).as("a log line").doesNotContain(MARKERS);
            }
        }
        assertThat(metrics).contains("switchboard_").doesNotContain(MARKERS);
        assertThat(events.get("switchboard.decisions")).as("decisions").hasSizeGreaterThanOrEqualTo(3);
        assertThat(events.get("switchboard.feedback")).as("feedback").hasSize(1);
        events.forEach((topic, records) -> records.forEach(record -> assertThat(record).as(topic)
                .doesNotContain(MARKERS)));
    }

    /** A chat with every kind of marked text: system prompt, an earlier tool call's arguments, the user's prompt. */
    private static String chatBody(String model) {
        return new JsonObject().put("model", model).put("messages", new JsonArray()
                .add(new JsonObject().put("role", "system").put("content", "You are terse. " + SYSTEM))
                .add(new JsonObject().put("role", "user").put("content", "Write a Go function " + PROMPT))
                .add(new JsonObject().put("role", "assistant").put("content", (String) null).put("tool_calls",
                        new JsonArray().add(new JsonObject().put("id", "call_1").put("type", "function").put(
                                "function", new JsonObject().put("name", "lookup").put("arguments",
                                        "{\"q\": \"" + TOOL_ARGS + "\"}")))))
                .add(new JsonObject().put("role", "tool").put("tool_call_id", "call_1").put("content", "found"))
                .add(new JsonObject().put("role", "user").put("content", "Now in Rust " + PROMPT))).encode();
    }

    private HttpResponse<String> chat(int port, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                .header("authorization", "Bearer " + API_KEY).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int port, String path, String body, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("content-type", "application/json").header("authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One ExtProc stream as a gateway sends it (the caller's key among the headers); "OK" or the immediate status. */
    private static String extproc(int port, String body) throws Exception {
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        try {
            GrpcClient client = GrpcClient.client(vertx);
            CompletableFuture<String> answer = new CompletableFuture<>();
            client.request(SocketAddress.inetSocketAddress(port, "127.0.0.1"), ExternalProcessorGrpcClient.Process)
                    .onSuccess(request -> {
                        request.response().onSuccess(response -> response.handler((ProcessingResponse message) -> {
                            if (message.hasImmediateResponse()) {
                                answer.complete(String.valueOf(message.getImmediateResponse().getStatus()
                                        .getCodeValue()));
                                request.end();
                            } else if (message.hasRequestBody()) {
                                answer.complete("OK");
                                request.end();
                            }
                        })).onFailure(answer::completeExceptionally);
                        request.write(ProcessingRequest.newBuilder().setRequestHeaders(HttpHeaders.newBuilder()
                                .setHeaders(HeaderMap.newBuilder().addHeaders(header(":method", "POST"))
                                        .addHeaders(header(":path", "/v1/chat/completions"))
                                        .addHeaders(header("content-type", "application/json"))
                                        .addHeaders(header("authorization", "Bearer " + API_KEY))))
                                .setProtocolConfig(ProtocolConfiguration.newBuilder()
                                        .setRequestBodyMode(BodySendMode.BUFFERED)).build());
                        request.write(ProcessingRequest.newBuilder().setRequestBody(HttpBody.newBuilder()
                                .setBody(ByteString.copyFromUtf8(body)).setEndOfStream(true)).build());
                    }).onFailure(answer::completeExceptionally);
            return answer.get(30, TimeUnit.SECONDS);
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static HeaderValue header(String key, String value) {
        return HeaderValue.newBuilder().setKey(key).setRawValue(ByteString.copyFromUtf8(value)).build();
    }

    /** Every record of every topic of the running embedded broker, keys included. */
    private static Map<String, List<String>> allEvents(Path kafkaDir) throws Exception {
        Map<String, List<String>> byTopic = new java.util.TreeMap<>();
        TopicRecords.all(kafkaDir).forEach((topic, records) -> byTopic.put(topic, records.stream()
                .map(r -> r.key() + " " + r.value()).toList()));
        return byTopic;
    }
}
