package dev.switchboard.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.switchboard.contracts.bus.FailureCode;
import dev.switchboard.contracts.bus.ReasonCode;
import dev.switchboard.contracts.bus.RouteDecision;
import dev.switchboard.contracts.config.LoadedConfig;
import io.vertx.core.eventbus.ReplyException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The homelab config, unchanged, with the real embedder: requests go where the article's author meant them to. */
class HomelabRoutingTest {

    private static RouterFixture fixture;

    @BeforeAll
    static void deploy() throws Exception {
        LoadedConfig homelab = RouterFixture.parse(RouterFixture.homelabYaml());
        fixture = new RouterFixture().withEmbedder(homelab);
        fixture.deployRouter(homelab);
    }

    @AfterAll
    static void close() throws Exception {
        fixture.close();
    }

    static RouteDecision route(String model, String prompt) throws Exception {
        return fixture.route(model, prompt);
    }

    @Test
    void shouldSendTheArticlesCodingPromptToTheCoder() throws Exception {
        RouteDecision decision = route("MoM",
                "Write me a Python function to compute fibonacci numbers using memoization");

        assertThat(decision.selectedModel()).isEqualTo("qwen-coder");
        assertThat(decision.providerModelId()).isEqualTo("qwen2.5-coder:7b");
        assertThat(decision.reason()).isEqualTo(ReasonCode.AUTO_ROUTING);
        assertThat(decision.decision()).isEqualTo("MoM");
        assertThat(decision.algorithm()).isEqualTo("multi_factor");
        assertThat(decision.candidates()).hasSize(3);
        assertThat(decision.candidates().get(0).model()).isEqualTo("qwen-coder");
        assertThat(decision.candidates().get(0).components()).containsKeys("quality", "similarity");
        assertThat(decision.candidates().subList(1, 3)).as("a clearly coding prompt: the others are not close")
                .allSatisfy(score -> assertThat(score.components()).containsKey("excluded_by_quality_gate"));
    }

    private static final String STRATEGIC_ANALYSIS = "Analyze the strategic trade-offs of expanding into the European "
            + "market versus consolidating at home, step by step, and compare the risks of each option.";

    @Test
    void shouldFindBothTheReasoningAndTheFastModelSuitableForAStrategicAnalysisAndLetTheCostChoose()
            throws Exception {
        // The shipped price table gives the cloud models prices, so the file's cost weight (0.5) counts among the
        // models the quality gate keeps: here both, and gemini-flash is the cheaper.
        RouteDecision decision = route("MoM", STRATEGIC_ANALYSIS);

        assertThat(decision.selectedModel()).isEqualTo("gemini-flash");
        assertThat(decision.candidates()).filteredOn(score -> score.model().equals("gpt-4o")).singleElement()
                .satisfies(score -> assertThat(score.components()).containsKeys("quality", "cost")
                        .doesNotContainKey("excluded_by_quality_gate"));
    }

    @Test
    void shouldSendAStrategicTradeOffAnalysisToTheReasoningModelWhenCostDoesNotCount() throws Exception {
        LoadedConfig noCost = RouterFixture.parse(RouterFixture.homelabYaml().replace("cost: 0.5", "cost: 0.0"));
        try (RouterFixture alone = new RouterFixture().withEmbedder(noCost)) {
            alone.deployRouter(noCost);

            assertThat(alone.route("MoM", STRATEGIC_ANALYSIS).selectedModel()).isEqualTo("gpt-4o");
        }
    }

    @Test
    void shouldSendAQuickFactualQuestionToTheFastModel() throws Exception {
        RouteDecision decision = route("MoM", "What's the capital of France?");

        assertThat(decision.selectedModel()).isEqualTo("gemini-flash");
        assertThat(decision.confidence()).isBetween(0.0, 1.0);
    }

    @Test
    void shouldFixTheArticlesTwoKeywordMisroutes() throws Exception {
        // router.py sent the first to the fast model (no keyword) and the second to the reasoning model ("think").
        assertThat(route("MoM", "Explain the async/await pattern in Rust").selectedModel()).isEqualTo("qwen-coder");
        assertThat(route("MoM", "Help me think about dinner options").selectedModel()).isEqualTo("gemini-flash");
    }

    @Test
    void shouldPassAConcreteModelThrough() throws Exception {
        RouteDecision decision = route("gpt-4o", "anything");

        assertThat(decision.selectedModel()).isEqualTo("gpt-4o");
        assertThat(decision.reason()).isEqualTo(ReasonCode.CONCRETE_MODEL);
        assertThat(decision.candidates()).isEmpty();
    }

    @Test
    void shouldRouteEveryAutoName() throws Exception {
        for (String auto : List.of("auto", "switchboard/auto", "MoM")) {
            assertThat(route(auto, "Fix the bug in this JavaScript function").reason())
                    .isEqualTo(ReasonCode.AUTO_ROUTING);
        }
    }

    @Test
    void shouldRefuseAnUnknownModelWithInvalidArgument() {
        Throwable failure = catchThrowable(() -> route("gpt-5", "hello"));

        assertThat(failure).isInstanceOfSatisfying(ReplyException.class, e -> {
            assertThat(FailureCode.of(e.failureCode())).isEqualTo(FailureCode.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains("model 'gpt-5' is not available");
        });
    }
}
