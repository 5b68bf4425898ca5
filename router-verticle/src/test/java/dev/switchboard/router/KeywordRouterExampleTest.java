package dev.switchboard.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.RouteDecision;
import dev.switchboard.contracts.config.ConfigLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * conf/examples/keyword-router.yaml routes like the article's router.py, misroutes included. It needs no embedder:
 * keyword rules and a static choice only.
 */
class KeywordRouterExampleTest {

    private static RouterFixture fixture;

    @BeforeAll
    static void deploy() throws Exception {
        fixture = new RouterFixture();
        fixture.deployRouter(ConfigLoader.load(Path.of("..", "conf", "examples", "keyword-router.yaml")));
    }

    @AfterAll
    static void close() throws Exception {
        fixture.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Write me a Python function to compute fibonacci numbers using memoization | qwen-coder",
        "Explain the async/await pattern in Rust | gemini-flash",
        "Help me think about dinner options | gpt-4o",
        "What's the capital of France? | gemini-flash",
        "Why does my CSS grid collapse on mobile? | qwen-coder"})
    void shouldRouteLikeRouterPy(String prompt, String expected) throws Exception {
        RouteDecision decision = fixture.route("MoM", prompt);

        assertThat(decision.selectedModel()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"400, gemini-flash", "401, gpt-4o"})
    void shouldSendPromptsLongerThan400CharactersToTheReasoningModel(int length, String expected) throws Exception {
        String prompt = "a".repeat(length);

        RouteDecision decision = fixture.route("auto", prompt);

        assertThat(decision.selectedModel()).isEqualTo(expected);
    }
}
