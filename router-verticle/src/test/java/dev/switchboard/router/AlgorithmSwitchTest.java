package dev.switchboard.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.OutcomeEvent;
import dev.switchboard.contracts.bus.ReasonCode;
import dev.switchboard.contracts.bus.RouteDecision;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The homelab decision with each algorithm that routes without observations: a one-line change of `type`, and each
 * sends the coding prompt to the coder on the cards alone.
 */
class AlgorithmSwitchTest {

    private static final String CODING = "Write me a Python function to compute fibonacci numbers using memoization";
    private static RouterFixture fixture;
    private static String homelab;

    @BeforeAll
    static void deployEmbedder() throws Exception {
        homelab = RouterFixture.homelabYaml();
        fixture = new RouterFixture().withEmbedder(RouterFixture.parse(homelab));
    }

    @AfterAll
    static void close() throws Exception {
        fixture.close();
    }

    /** Deploys a router on the homelab file with {@code type: multi_factor} replaced; returns its deployment id. */
    static String deployRouterWith(String type) throws Exception {
        String yaml = homelab.replace("type: multi_factor", "type: " + type);
        assertThat(diffLines(homelab, yaml)).as("changed lines").isEqualTo(type.equals("multi_factor") ? 0 : 1);
        return fixture.deployRouter(RouterFixture.parse(yaml));
    }

    private static long diffLines(String a, String b) {
        List<String> left = a.lines().toList();
        List<String> right = b.lines().toList();
        return java.util.stream.IntStream.range(0, left.size()).filter(i -> !left.get(i).equals(right.get(i))).count();
    }

    static RouteDecision route(String prompt) throws Exception {
        return fixture.send("MoM", prompt, "session-1").await(30, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"static", "router_dc", "multi_factor", "hybrid", "session_aware", "knn", "kmeans", "svm",
        "mlp", "gmtrouter", "automix"})
    void shouldRouteTheCodingPromptToTheCoderWithEachAlgorithm(String type) throws Exception {
        String id = deployRouterWith(type);
        try {
            RouteDecision decision = route(CODING);

            assertThat(decision.algorithm()).isEqualTo(type);
            assertThat(decision.candidates()).hasSize(3);
            assertThat(decision.candidates().get(0).model()).as("best first").isEqualTo("qwen-coder");
            // A learner with no feedback yet sends a few live requests to its runner-up, and says so.
            assertThat(decision.reason()).isIn(ReasonCode.AUTO_ROUTING, ReasonCode.EXPLORATION);
            assertThat(decision.selectedModel()).isEqualTo(decision.reason() == ReasonCode.AUTO_ROUTING
                    ? "qwen-coder" : decision.candidates().get(1).model());
        } finally {
            fixture.undeploy(id);
        }
    }

    @Test
    void latencyAwareShouldFallBackWithoutDataThenLearnFromOutcomes() throws Exception {
        String id = deployRouterWith("latency_aware");
        try {
            RouteDecision blind = route(CODING);
            assertThat(blind.reason()).isEqualTo(ReasonCode.SELECTOR_FALLBACK);
            assertThat(blind.selectedModel()).isEqualTo("qwen-coder");

            for (int i = 0; i < 5; i++) {
                fixture.vertx.eventBus().publish(Addresses.FEEDBACK_OUTCOME,
                        new OutcomeEvent("o" + i, "qwen-coder", "MoM", 200, 9000, 900.0 + i, 45.0, 10, 100));
                fixture.vertx.eventBus().publish(Addresses.FEEDBACK_OUTCOME,
                        new OutcomeEvent("p" + i, "gemini-flash", "MoM", 200, 900, 150.0 + i, 8.0, 10, 100));
                fixture.vertx.eventBus().publish(Addresses.FEEDBACK_OUTCOME,
                        new OutcomeEvent("q" + i, "gpt-4o", "MoM", 500, 90, 5.0, 1.0, 10, 0));
            }
            RouteDecision learned = route(CODING);

            assertThat(learned.reason()).isEqualTo(ReasonCode.AUTO_ROUTING);
            assertThat(learned.selectedModel()).as("failed responses say nothing about speed")
                    .isEqualTo("gemini-flash");
            assertThat(learned.candidates().get(0).components()).containsKeys("ttft_ms", "tpot_ms");
        } finally {
            fixture.undeploy(id);
        }
    }
}
