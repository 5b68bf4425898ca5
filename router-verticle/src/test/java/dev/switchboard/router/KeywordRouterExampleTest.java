package dev.switchboard.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.Codecs;
import dev.switchboard.contracts.bus.RouteDecision;
import dev.switchboard.contracts.bus.RouteRequest;
import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.contracts.config.LoadedConfig;
import dev.switchboard.contracts.config.RouterSettings;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * conf/examples/keyword-router.yaml routes like the article's router.py, misroutes included. It needs no embedder:
 * keyword rules and a static choice only.
 */
class KeywordRouterExampleTest {

    private static Vertx vertx;

    @BeforeAll
    static void deploy() throws Exception {
        LoadedConfig config = ConfigLoader.load(Path.of("..", "conf", "examples", "keyword-router.yaml"));
        vertx = Vertx.vertx();
        Codecs.registerAll(vertx.eventBus());
        vertx.deployVerticle(new RouterVerticle(RouterSettings.of(config.config()), config.revision(), null))
                .await(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void close() throws Exception {
        vertx.close().await(30, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Write me a Python function to compute fibonacci numbers using memoization | qwen-coder",
        "Explain the async/await pattern in Rust | gemini-flash",
        "Help me think about dinner options | gpt-4o",
        "What's the capital of France? | gemini-flash",
        "Why does my CSS grid collapse on mobile? | qwen-coder"})
    void shouldRouteLikeRouterPy(String prompt, String expected) throws Exception {
        RouteDecision decision = vertx.eventBus().<RouteDecision>request(Addresses.ROUTER_ROUTE,
                new RouteRequest("r", "MoM", prompt, List.of(), prompt.length() / 4, null, null, false))
                .await(10, TimeUnit.SECONDS).body();

        assertThat(decision.selectedModel()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"400, gemini-flash", "401, gpt-4o"})
    void shouldSendPromptsLongerThan400CharactersToTheReasoningModel(int length, String expected) throws Exception {
        String prompt = "a".repeat(length);

        RouteDecision decision = vertx.eventBus().<RouteDecision>request(Addresses.ROUTER_ROUTE,
                new RouteRequest("r", "auto", prompt, List.of(), length / 4, null, null, false))
                .await(10, TimeUnit.SECONDS).body();

        assertThat(decision.selectedModel()).isEqualTo(expected);
    }
}
