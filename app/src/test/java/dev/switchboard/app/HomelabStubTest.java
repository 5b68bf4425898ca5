package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.OutcomeEvent;
import dev.switchboard.contracts.config.BackendRef;
import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.contracts.config.ModelDefinition;
import dev.switchboard.contracts.config.SwitchboardConfig;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline (real embedder, router and proxy) in front of a real OpenAI-compatible server running as its own
 * process on 127.0.0.1, with {@code conf/examples/homelab-stub.yaml}: JSON and streamed answers, a provider's 429,
 * outcome events, and the README's {@code openai} npm client command. Skipped where node or {@code tools/} is not
 * installed; CI installs both.
 */
class HomelabStubTest {

    static final Path STUB_CONFIG = Path.of("..", "conf", "examples", "homelab-stub.yaml");

    @TempDir
    static Path dir;

    private static Optional<StubBackend> stub = Optional.empty();
    private static Switchboard switchboard;
    private static final List<OutcomeEvent> OUTCOMES = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        stub = StubBackend.start(dir);
        if (stub.isEmpty()) {
            return;
        }
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, TestConfigs.homelabStubAt(stub.get().port()) + "global:\n  services:\n    http: {port: 0}\n    extproc: {port: 0}\n"
                + TestConfigs.kafkaIn(dir));
        switchboard = Switchboard.start(config, ConfigLoader.load(config)).await(60, TimeUnit.SECONDS);
        switchboard.vertx().eventBus().<OutcomeEvent>localConsumer(Addresses.FEEDBACK_OUTCOME,
                m -> OUTCOMES.add(m.body())).completion().await(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (switchboard != null) {
            switchboard.stop().await(20, TimeUnit.SECONDS);
        }
        if (stub.isPresent()) {
            stub.get().close();
        }
    }

    @Test
    void shouldBeTheHomelabFileWithOnlyItsBackendsOnTheStub() throws Exception {
        SwitchboardConfig homelab = ConfigLoader.load(TestConfigs.HOMELAB).config();
        SwitchboardConfig onStub = ConfigLoader.load(STUB_CONFIG).config();

        assertThat(onStub.routing()).isEqualTo(homelab.routing());
        assertThat(onStub.providers().defaults()).isEqualTo(homelab.providers().defaults());
        assertThat(onStub.providers().models()).extracting(ModelDefinition::name, ModelDefinition::providerModelId)
                .containsExactlyElementsOf(homelab.providers().models().stream()
                        .map(m -> org.assertj.core.groups.Tuple.tuple(m.name(), m.providerModelId())).toList());
        assertThat(onStub.providers().models()).flatExtracting(ModelDefinition::backendRefs)
                .extracting(BackendRef::chatUrl).containsOnly("http://127.0.0.1:6556/v1/chat/completions");
    }

    @Test
    void shouldRouteEachPromptToItsModelAndForwardTheRewrittenBody() throws Exception {
        assumeTrue(stub.isPresent(), "node and tools/node_modules are needed (npm ci --prefix tools)");

        HttpResponse<String> code = chat(false, "Write me a Python function to compute fibonacci numbers using"
                + " memoization");
        HttpResponse<String> fact = chat(false, "What's the capital of France?");

        assertThat(code.statusCode()).isEqualTo(200);
        assertThat(code.headers().firstValue("x-switchboard-model")).hasValue("qwen-coder");
        assertThat(code.headers().firstValue("x-switchboard-decision")).hasValue("MoM");
        assertThat(new JsonObject(code.body()).getString("model")).as("the body the backend received")
                .isEqualTo("qwen2.5-coder:7b");
        assertThat(fact.statusCode()).isEqualTo(200);
        assertThat(fact.headers().firstValue("x-switchboard-model")).as("after the coder's answer was measured")
                .hasValue("gemini-flash");
        assertThat(new JsonObject(fact.body()).getJsonArray("choices").getJsonObject(0).getJsonObject("message")
                .getString("content")).isEqualTo("Hello from gemini-2.5-flash.");
        assertThat(awaitOutcome(code)).satisfies(outcome -> {
            assertThat(outcome.status()).isEqualTo(200);
            assertThat(outcome.model()).isEqualTo("qwen-coder");
            assertThat(outcome.promptTokens()).isEqualTo(21);
            assertThat(outcome.completionTokens()).isEqualTo(5);
        });
    }

    @Test
    void shouldStreamTheBackendsServerSentEventsThrough() throws Exception {
        assumeTrue(stub.isPresent(), "node and tools/node_modules are needed (npm ci --prefix tools)");

        HttpResponse<String> response = chat(true, "What's the capital of France?");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        List<String> events = response.body().lines().filter(l -> l.startsWith("data: ")).toList();
        assertThat(events).hasSizeGreaterThan(2).last().isEqualTo("data: [DONE]");
        String text = events.stream().filter(e -> !e.equals("data: [DONE]"))
                .map(e -> new JsonObject(e.substring(6)).getJsonArray("choices").getJsonObject(0)
                        .getJsonObject("delta").getString("content", ""))
                .reduce("", String::concat);
        assertThat(text).startsWith("Hello from ");
        assertThat(awaitOutcome(response).ttftMs()).isNotNull();
    }

    @Test
    void shouldPassAProvidersRateLimitThroughAndCountIt() throws Exception {
        assumeTrue(stub.isPresent(), "node and tools/node_modules are needed (npm ci --prefix tools)");

        HttpResponse<String> response = chat(false, "please-rate-limit-me");

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(new JsonObject(response.body()).getJsonObject("error").getString("code"))
                .isEqualTo("rate_limit_exceeded");
        assertThat(awaitOutcome(response).status()).isEqualTo(429);
    }

    @Test
    void shouldChatThroughTheProxyWithTheOpenAiNpmClient() throws Exception {
        assumeTrue(stub.isPresent(), "node and tools/node_modules are needed (npm ci --prefix tools)");
        String baseUrl = "http://127.0.0.1:" + switchboard.httpPort() + "/v1";

        StubBackend.ScriptResult plain = StubBackend.runScript("chat.mjs", List.of("--base-url", baseUrl,
                "Write me a Python function to compute fibonacci numbers using memoization"));
        StubBackend.ScriptResult streamed = StubBackend.runScript("chat.mjs", List.of("--stream", "--base-url",
                baseUrl, "Write me a Python function to compute fibonacci numbers using memoization"));
        StubBackend.ScriptResult unknown = StubBackend.runScript("chat.mjs", List.of("--model", "gpt-5",
                "--base-url", baseUrl, "hi"));

        assertThat(plain.exitCode()).as(plain.output()).isZero();
        assertThat(plain.output()).contains("x-switchboard-model: qwen-coder",
                "answer from qwen2.5-coder:7b: Hello from qwen2.5-coder:7b.");
        assertThat(streamed.exitCode()).as(streamed.output()).isZero();
        assertThat(streamed.output()).contains("x-switchboard-model: qwen-coder")
                .containsPattern("answer \\(\\d+ chunks\\): Hello from qwen2.5-coder:7b.");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.output()).contains("error 400", "model 'gpt-5' is not available");
    }

    private HttpResponse<String> chat(boolean stream, String prompt) throws Exception {
        String body = new JsonObject().put("model", "MoM").put("stream", stream)
                .put("messages", List.of(new JsonObject().put("role", "user").put("content", prompt))).encode();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + switchboard.httpPort()
                        + "/v1/chat/completions")).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The outcome event the proxy published for this response, found by its request id. */
    private static OutcomeEvent awaitOutcome(HttpResponse<String> response) throws InterruptedException {
        String requestId = response.headers().firstValue("x-switchboard-request-id").orElseThrow();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Optional<OutcomeEvent> outcome = OUTCOMES.stream().filter(o -> o.requestId().equals(requestId))
                    .findFirst();
            if (outcome.isPresent()) {
                return outcome.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no outcome event for " + requestId);
    }
}
