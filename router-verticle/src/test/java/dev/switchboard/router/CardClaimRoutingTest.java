package dev.switchboard.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.RouteDecision;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a card claims, in its own words, is what it gets, with no feedback at all: for every per-prompt algorithm
 * switched in by its one {@code type:} line of the homelab file, a prompt of each kind a homelab card names ranks
 * that card's model first. The prompts were written for this test from the card texts, one per claim.
 */
class CardClaimRoutingTest {

    /** Prompt to the model whose card names its kind. */
    private static final Map<String, String> CLAIMS = new LinkedHashMap<>();

    static {
        // qwen-coder: "debugging, algorithms, data structures, code review, refactoring, ... writing tests"
        CLAIMS.put("Debug this Go code: my goroutine deadlocks because the results channel is never closed.",
                "qwen-coder");
        CLAIMS.put("Implement a trie in Go with insert and prefix search.", "qwen-coder");
        CLAIMS.put("Review this Python class and refactor it to remove the duplicated validation code.", "qwen-coder");
        CLAIMS.put("Write Jest tests for a JavaScript function that formats phone numbers.", "qwen-coder");
        // gpt-4o: "math proofs". Its other claims are not met by every algorithm (docs/benchmarks.md): a long-form
        // essay goes to gemini-flash with all nine, a step-by-step physics "why" with six, the request to
        // compare the strategic trade-offs of two business options step by step with multi_factor, and a rephrasing
        // of it with six. HomelabRoutingTest has one strategic request that multi_factor sends to gpt-4o.
        CLAIMS.put("Prove that there are infinitely many prime numbers.", "gpt-4o");
        // gemini-flash: "simple factual questions, quick lookups, summarization, casual conversation, translations"
        CLAIMS.put("Who wrote the novel War and Peace?", "gemini-flash");
        CLAIMS.put("Translate 'good morning, how are you?' into Spanish.", "gemini-flash");
        CLAIMS.put("Hey, how is your weekend going?", "gemini-flash");
        CLAIMS.put("Summarize in one sentence: the council met on Tuesday and agreed to open the new park in May.",
                "gemini-flash");
    }

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

    @ParameterizedTest
    @ValueSource(strings = {"router_dc", "multi_factor", "hybrid", "knn", "kmeans", "svm", "mlp", "gmtrouter",
        "automix"})
    void shouldRankTheClaimingCardsModelFirst(String type) throws Exception {
        String id = fixture.deployRouter(RouterFixture.parse(homelab.replace("type: multi_factor", "type: " + type)));
        try {
            Map<String, String> ranked = new LinkedHashMap<>();
            StringBuilder scores = new StringBuilder();
            for (String prompt : CLAIMS.keySet()) {
                RouteDecision decision = fixture.send("MoM", prompt, "session-1").await(30, TimeUnit.SECONDS);
                // Best first, whichever model a learner's exploration then sent the request to.
                ranked.put(prompt, decision.candidates().get(0).model());
                scores.append('\n').append(prompt).append(": ").append(decision.candidates());
            }

            assertThat(ranked).as("%s, scores:%s", type, scores).containsExactlyEntriesOf(CLAIMS);
        } finally {
            fixture.undeploy(id);
        }
    }
}
